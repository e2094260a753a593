"""The top frames of a py-spy raw profile (collapsed stacks): where the time went, by self and total samples.

Run: ``.venv/bin/python bench/profile_top.py FILE [--top 25] [--only safehouse_portal]``
"""

import argparse
from collections import Counter
from pathlib import Path

IDLE = ("select ", "epoll", "_run_once ", "run_forever ", "Condition.wait ", "_worker (concurrent/futures/thread.py:89)")
"""Leaf frames of a thread waiting, not working (py-spy samples some idle threads as busy)."""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--only", default="", help="count only frames whose text contains this")
    args = parser.parse_args()
    own, total, samples = Counter(), Counter(), 0
    for line in Path(args.file).read_text().splitlines():
        stack, _, count = line.rstrip().rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = [f for f in stack.split(";") if not f.startswith("process ") and not f.startswith("thread ")]
        if not frames or frames[-1].startswith(IDLE) or " (" not in frames[-1]:  # no frame: a process idling
            continue
        samples += n
        shown = [f for f in frames if args.only in f] if args.only else frames
        if shown:
            own[shown[-1]] += n
        for frame in set(shown):
            total[frame] += n
    print(f"{samples} busy samples")
    print("-- self")
    for frame, n in own.most_common(args.top):
        print(f"{100 * n / samples:5.1f}%  {frame}")
    print("-- total")
    for frame, n in total.most_common(args.top):
        print(f"{100 * n / samples:5.1f}%  {frame}")


if __name__ == "__main__":
    main()
