#!/usr/bin/env python3
"""drive.py - a shell session over Harbor's serial line, typed as a person would.

Usage: tests/shell/drive.py ISO [TIMEOUT_SECONDS]

Boots ISO (the ordinary boot: init, the servers, the shell) in QEMU with
the serial line on a pipe, waits for the prompt, then types commands and
reads what comes back: programs with arguments, $?, an unknown program,
ps, pipelines (and $? of one, ^C of one), a program in the background
and wait, the file utilities, redirections (<, >, >>, 2>), cd and pwd
(and a child starting in the shell's directory), ^C on a program in the
foreground, ^D at the prompt (init starts a new shell), the tutorial's
server and client. Each step prints "PASS shell_<step>" or
"FAIL shell_<step>: expected ..., saw ...". Every wait has its own
timeout, and the whole session has one (default 120 s): a hang is a FAIL,
never a stuck test. The serial log is printed at the end when a step
failed.
"""
import os
import re
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from serial_session import PROMPT, Session, qemu_argv  # noqa: E402


failed = 0


def check(s, name, pattern, seconds=10, what=None):
    """One step: PASS if pattern shows up in time."""
    global failed
    if s.expect(pattern, seconds):
        print("PASS shell_" + name)
        return True
    failed += 1
    print("FAIL shell_%s: expected %s, saw %s" % (name, what or repr(pattern), s.seen()))
    return False


def prompt(s, name, seconds=10):
    return check(s, name, re.escape(PROMPT), seconds, "the prompt %r" % PROMPT)


def command(s, line, name, pattern, seconds=10):
    """Type line and Enter; expect pattern among the lines after it, then the prompt."""
    s.type(line + "\r")
    # The console echoes what we type: skip past the echoed line first.
    s.expect(re.escape(line) + r"\n", 5)
    ok = check(s, name, pattern, seconds)
    if ok:
        prompt(s, name + "_prompt")
    return ok


def quiet(s, line, name):
    """Type line and Enter for a program that prints nothing: expect the prompt."""
    s.type(line + "\r")
    s.expect(re.escape(line) + r"\n", 5)
    prompt(s, name)


def files(s):
    """The file utilities against the disk, each checked by what it prints."""
    command(s, "ls /bin", "ls_bin_lists_programs", r"^cat$(?:.*\n)*?^ls$")
    command(s, "cat /etc/motd", "cat_prints_a_file", r"^Welcome to Harbor\.$")
    command(s, "ls -l /samples", "ls_l_shows_modes_and_links",
            r"^lrwxrwxrwx +1 +9 link-to-hello -> hello\.txt$")
    command(s, "wc /samples/medium.txt", "wc_counts",
            r"^ +12000 +60000 +384000 /samples/medium\.txt$")
    command(s, "grep -n 000042 /samples/medium.txt", "grep_n_numbers_lines",
            r"^43:line 000042 of medium\.txt")
    command(s, "grep -c 00000 /samples/medium.txt", "grep_c_counts", r"^10$")
    command(s, "head -n 2 /samples/medium.txt", "head_first_lines",
            r"^line 000000 .*\n^line 000001 ")
    command(s, "tail -n 1 /samples/medium.txt", "tail_last_line", r"^line 011999 ")
    quiet(s, "mkdir /home/student/work", "mkdir_runs")
    quiet(s, "cp /etc/motd /home/student/work/m", "cp_runs")
    quiet(s, "mv /home/student/work/m /home/student/work/n", "mv_runs")
    quiet(s, "ln -s n /home/student/work/s", "ln_s_runs")
    quiet(s, "ln /home/student/work/n /home/student/work/h", "ln_runs")
    command(s, "cat /home/student/work/s", "cat_through_the_new_link", r"^Welcome to Harbor\.$")
    command(s, "stat /home/student/work/h", "stat_shows_two_links",
            r"^/home/student/work/h: regular file mode 0644 inode \d+ links 2 size ")
    quiet(s, "touch /home/student/work/t", "touch_runs")
    command(s, "rmdir /home/student/work", "rmdir_refuses_a_full_directory",
            r"rmdir: /home/student/work: directory not empty")
    quiet(s, "rm /home/student/work/n /home/student/work/s /home/student/work/h "
             "/home/student/work/t", "rm_runs")
    quiet(s, "rmdir /home/student/work", "rmdir_runs")
    command(s, "cat /home/student/work/n", "cat_of_nothing_says_so",
            r"cat: /home/student/work/n: ")
    command(s, "df", "df_reports", r"^/ +16384 +\d+ +\d+ +\d+ +\d+$")
    command(s, "fsstress", "fsstress_passes", r"^fsstress: 8 passed, 0 failed$", 60)
    quiet(s, "sync", "sync_runs")


def count(s, line, name):
    """Type a line whose answer is wc -l's count (of its input); return it, or None."""
    s.type(line + "\r")
    s.expect(re.escape(line) + r"\n", 5)
    m = s.expect(r"^ *(\d+) *\n", 10)	# the whole line, not a piece of it
    if not m:
        failed_step(s, name, "a line of wc")
        return None
    print("PASS shell_" + name)
    prompt(s, name + "_prompt")
    return int(m.group(1))


def redirections(s):
    """<, >, >>, 2>, cd and pwd, pipelines through files on the disk."""
    quiet(s, "echo hi > /home/student/f", "redirect_out_runs")
    command(s, "cat < /home/student/f", "redirect_in_reads_what_out_wrote", r"^hi$")
    quiet(s, "echo more >> /home/student/f", "redirect_append_runs")
    command(s, "cat /home/student/f", "redirect_append_adds_at_the_end", r"^hi\nmore$")
    quiet(s, "echo new > /home/student/f", "redirect_out_again_runs")
    # Nothing after "new" but the prompt: the old lines are gone.
    command(s, "cat /home/student/f", "redirect_out_truncates",
            r"^new\n(?=" + re.escape(PROMPT) + ")")
    quiet(s, "sleep x 2> /home/student/e", "redirect_err_runs")
    command(s, "cat /home/student/e", "redirect_err_catches_stderr",
            r"^sleep: x: not a number of seconds$")
    command(s, "cat < /home/student/none", "redirect_in_of_nothing_says_so",
            r"^sh: /home/student/none: ")
    command(s, "echo $?", "redirect_failure_status_is_1", r"^1$")
    command(s, "cd /nowhere", "cd_to_nothing_says_so", r"^cd: /nowhere: ")
    quiet(s, "cd /bin", "cd_runs")
    command(s, "pwd", "pwd_says_the_directory", r"^/bin$")
    here = count(s, "ls | wc -l", "ls_in_cwd_counts")
    there = count(s, "ls /bin | wc -l", "ls_bin_counts")
    if here is not None and there is not None:
        if here == there and here > 10:
            print("PASS shell_child_starts_in_the_shells_directory")
        else:
            failed_step(s, "child_starts_in_the_shells_directory",
                        "ls and ls /bin alike (> 10 lines)", "%s and %s" % (here, there))
    quiet(s, "cd ../home/student", "cd_relative_runs")
    command(s, "pwd", "pwd_after_relative_cd", r"^/home/student$")
    # In a pipeline a builtin's name is a program's: /bin/pwd, in the shell's directory.
    command(s, "pwd | cat", "pwd_in_a_pipeline", r"^/home/student$")
    command(s, "cat < f", "redirect_relative_to_cwd", r"^new$")
    command(s, "cat /etc/motd | grep Harbor", "pipe_through_grep", r"^Welcome to Harbor\.$")
    quiet(s, "cat /etc/motd | grep nosuchword", "pipe_grep_nothing_runs")
    command(s, "echo $?", "pipe_status_is_greps_1", r"^1$")
    # A named pipe: a writer in the background waits for the reader.
    quiet(s, "mkfifo p", "mkfifo_runs")
    s.type("echo through the fifo > p &\r")
    s.expect(r"echo through the fifo > p &\n", 5)
    check(s, "fifo_writer_in_the_background", r"^\[\d+\]$")
    prompt(s, "fifo_writer_prompt")
    # (The shell reports the writer's end at some prompt after this one.)
    command(s, "cat p", "fifo_carries_the_writers_line", r"^through the fifo$")
    quiet(s, "rm f e p", "rm_relative_runs")
    quiet(s, "cd", "cd_alone_runs")
    command(s, "pwd", "cd_alone_goes_to_the_root", r"^/$")


def main():
    iso = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 120
    disk = None
    if len(sys.argv) > 3:
        # A fresh copy of the disk image: the session writes to it.
        fd, disk = tempfile.mkstemp(suffix=".img")
        os.close(fd)
        shutil.copyfile(sys.argv[3], disk)
    s = Session(qemu_argv(iso, disk), limit)
    try:
        if not prompt(s, "boots_to_prompt", 60):
            return
        command(s, "echo hello   world", "echo_arguments", r"^hello world$")
        command(s, "hello", "hello_says_its_pid", r"^Hello from Harbor! I am process \d+\.$")
        command(s, "nosuchprogram", "unknown_program", r"nosuchprogram: no such program")
        command(s, "echo $?", "status_of_unknown_is_127", r"^127$")
        quiet(s, "false", "false_runs")
        command(s, "echo $?", "status_of_false_is_1", r"^1$")
        quiet(s, "true", "true_runs")
        command(s, "echo $?", "status_of_true_is_0", r"^0$")
        command(s, "ps", "ps_lists_servers",
                r"PID +PPID +STATE +NAME\n(?:.*\n)*?.*running +console$(?:.*\n)*?.*running +proc$")
        command(s, "uptime", "uptime", r"^up \d+\.\d\d s$")
        command(s, "ipcstat", "ipcstat", r"^tasks \d+, threads \d+, ports \d+")
        command(s, "memstat", "memstat_asks_the_memory_server",
                r"^memory server: \d+ frames free")
        command(s, "kill 1", "kill_init_refused", r"^kill: 1: not allowed")
        command(s, "help", "help_lists_programs", r"^Programs:.* echo .* ps .*greet")

        # ^C: a program in the foreground dies, the shell lives and says so.
        s.type("sleep 60\r")
        s.expect(r"sleep 60\n", 5)
        time.sleep(1.0)
        s.type("\x03")
        if check(s, "ctrl_c_kills_the_foreground", r"sleep \(pid \d+\): killed$", 10):
            prompt(s, "ctrl_c_prompt")
        command(s, "echo $?", "status_after_ctrl_c_is_137", r"^137$")

        # Pipelines: each program's output is the next one's input.
        command(s, "echo hello pipe | upper", "pipe_two_programs", r"^HELLO PIPE$")
        command(s, "echo a b c|upper | upper", "pipe_three_programs", r"^A B C$")
        command(s, "ps | upper", "pipe_ps_through_a_filter",
                r"PID +PPID +STATE +NAME\n(?:.*\n)*?.*RUNNING +PIPE$")
        quiet(s, "true | false", "pipe_status_run")
        command(s, "echo $?", "pipe_status_is_the_last_programs", r"^1$")
        quiet(s, "false | true", "pipe_status_run_2")
        command(s, "echo $?", "pipe_status_is_the_last_programs_2", r"^0$")
        command(s, "nosuchprogram | upper", "pipe_unknown_program",
                r"nosuchprogram: no such program")
        command(s, "echo x | ", "pipe_with_nothing_after", r"sh: a \| or a redirection")
        s.type("sleep 60 | upper\r")
        s.expect(r"sleep 60 \| upper\n", 5)
        time.sleep(1.0)
        s.type("\x03")
        if check(s, "pipe_ctrl_c_ends_the_pipeline", r"upper \(pid \d+\): killed$", 10):
            prompt(s, "pipe_ctrl_c_prompt")
        command(s, "echo $?", "pipe_status_after_ctrl_c_is_137", r"^137$")

        # The background, and wait.
        s.type("sleep 1 &\r")
        s.expect(r"sleep 1 &\n", 5)
        m = s.expect(r"^\[(\d+)\]$", 10)
        if m:
            print("PASS shell_background_prints_pid")
            prompt(s, "background_prompt")
            command(s, "wait", "wait_reports_the_job",
                    r"^\[%s\] done, status 0$" % m.group(1), 15)
        else:
            failed_step(s, "background_prints_pid", "[pid]")

        # The tutorial's server and client (docs/tutorial.md).
        s.type("greetd &\r")
        s.expect(r"greetd &\n", 5)
        check(s, "tutorial_server_starts", r"^\[\d+\]$")
        prompt(s, "tutorial_server_prompt")
        command(s, "greet student", "tutorial_client_gets_answer",
                r"^Hello, student! \(greeting number 1\)$")

        # Files on the disk (fs at boot, the utilities in user/).
        if disk:
            files(s)
            redirections(s)

        # ^D at the prompt ends the shell; init starts a new one.
        s.type("\x04")
        check(s, "ctrl_d_ends_the_shell", r"init: the shell ended", 10)
        prompt(s, "new_shell_after_ctrl_d", 15)
        command(s, "echo still here", "new_shell_runs_programs", r"^still here$")
    finally:
        s.close()
        if disk:
            os.unlink(disk)
        if failed:
            print("--- serial log")
            print(s.out)


def failed_step(s, name, what, saw=None):
    global failed
    failed += 1
    print("FAIL shell_%s: expected %s, saw %s" % (name, what, saw or s.seen()))


main()
sys.exit(1 if failed else 0)
