#!/usr/bin/python3
"""sshpw_server.py - an SSH server with password authentication (paramiko)
that runs a program on a pseudo-terminal per shell, for the password and
keyboard-interactive paths of oltui's SSH transport.  OpenSSH sshd would need
a real system user for password auth; Huawei OLTs authenticate by password.

  sshpw_server.py --port P --hostkey FILE --user U --password-file F
                  [--kbdint] -- PROGRAM ARGS...

Prints "ready" when listening.  Loopback only.  Stops on SIGTERM.
"""
import argparse
import fcntl
import os
import pty
import select
import socket
import struct
import subprocess
import termios
import threading

import paramiko


class Server(paramiko.ServerInterface):
    def __init__(self, user, password, kbdint):
        self.user, self.password, self.kbdint = user, password, kbdint
        self.shell = threading.Event()
        self.size = (80, 24)

    def get_allowed_auths(self, username):
        return "keyboard-interactive" if self.kbdint else "password"

    def check_auth_password(self, username, password):
        if not self.kbdint and username == self.user and password == self.password:
            return paramiko.AUTH_SUCCESSFUL
        return paramiko.AUTH_FAILED

    def check_auth_interactive(self, username, submethods):
        if not self.kbdint:
            return paramiko.AUTH_FAILED
        self._kbd_user = username
        q = paramiko.InteractiveQuery("", "")
        q.add_prompt("User password: ", False)
        return q

    def check_auth_interactive_response(self, responses):
        if self._kbd_user == self.user and list(responses) == [self.password]:
            return paramiko.AUTH_SUCCESSFUL
        return paramiko.AUTH_FAILED

    def check_channel_request(self, kind, chanid):
        return paramiko.OPEN_SUCCEEDED if kind == "session" else \
            paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED

    def check_channel_pty_request(self, channel, term, width, height, pw, ph, modes):
        self.size = (width, height)
        return True

    def check_channel_shell_request(self, channel):
        self.shell.set()
        return True


def serve(conn, args, hostkey, password):
    t = paramiko.Transport(conn)
    t.add_server_key(hostkey)
    srv = Server(args.user, password, args.kbdint)
    try:
        t.start_server(server=srv)
    except Exception:
        return
    chan = t.accept(20)
    if chan is None or not srv.shell.wait(10):
        t.close()
        return
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", srv.size[1], srv.size[0], 0, 0))
    proc = subprocess.Popen(args.program, stdin=slave, stdout=slave, stderr=slave,
                            close_fds=True, start_new_session=True)
    os.close(slave)
    try:
        while True:
            r, _, _ = select.select([master, chan], [], [], 0.5)
            if master in r:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    data = b""
                if not data:
                    break
                chan.sendall(data)
            if chan in r:
                data = chan.recv(65536)
                if not data:
                    break
                os.write(master, data)
            if proc.poll() is not None and not select.select([master], [], [], 0)[0]:
                break
    finally:
        proc.poll() is None and proc.terminate()
        os.close(master)
        chan.close()
        t.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--hostkey", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password-file", required=True)
    ap.add_argument("--kbdint", action="store_true")
    ap.add_argument("program", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    if args.program and args.program[0] == "--":
        args.program = args.program[1:]
    password = open(args.password_file).read().strip()
    hostkey = paramiko.Ed25519Key.from_private_key_file(args.hostkey)   # ssh-keygen -t ed25519
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", args.port))
    s.listen(16)
    print("ready", flush=True)
    while True:
        conn, _ = s.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=serve, args=(conn, args, hostkey, password), daemon=True).start()


if __name__ == "__main__":
    main()
