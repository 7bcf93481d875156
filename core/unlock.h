/*
 * unlock.h — opening the vault that seals this database's secrets.
 *
 * The database keeps, in its meta table, the Argon2id salt (passphrase
 * mode) and a sealed check token, so a wrong passphrase or key file is
 * refused before anything is sealed with it.  The first unlock of a
 * database writes the token (and the salt); later unlocks verify it.
 *
 * Key choice: key_file (--key-file / OLTUI_KEY_FILE) when not NULL — the
 * file is created with a random key, mode 0600, when missing — otherwise a
 * passphrase asked on /dev/tty with echo off (twice, the first time).  With
 * neither a key file nor a terminal the call fails with a message telling
 * the user to pass --key-file.  Main thread, before curses starts.
 */
#ifndef OLTUI_UNLOCK_H
#define OLTUI_UNLOCK_H

#include <stdbool.h>

struct store;
struct vault;

/* Returns the vault for st, or NULL and a cause.  *created is set when a
   new key file was written (the caller tells the user where). */
struct vault *unlock_vault(struct store *st, const char *key_file,
    bool *created, char **cause);

#endif
