#!/usr/bin/env python3
"""Writes the set words of number extraction taken from jieba's dictionary:
crates/core/src/numbers/data/idioms.txt, its idioms (成语) that hold a
numeral (SPEC §2.2: 危机四伏, 三心二意, 一波三折 state no quantity), and
crates/core/src/numbers/data/places.txt, its place names that hold one
(六盘水, 十堰市, 五台山: a name, not a count).

jieba (https://github.com/fxsjy/jieba, MIT licence) tags idioms `i` and place
names `ns` in its dict.txt. Taken: every `i` word of four or more characters
and every `ns` word of three or more holding a Chinese numeral (shorter place
names are too often a count: 五县, 四区, 三中), except the idioms that do state
a quantity or name a numbered thing (below, with the reason). The lists are
data: rerun this to regenerate them.

    pip download jieba==0.42.1 --no-deps && tar xzf jieba-0.42.1.tar.gz
    python3 scripts/set-words-from-jieba.py jieba-0.42.1/jieba/dict.txt
"""
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "crates/core/src/numbers/data"
NUMERAL = re.compile("[一二三四五六七八九十百千万亿两零〇]")

# Tagged `i` by jieba, but a quantity, a date or a numbered name is meant:
# they stay mentions.
QUANTITIES = {
    "今明两天", "今明两年", "两次曝光", "五次犯规", "再试一次", "二次破碎", "二级缓存",
    "约一斤肉", "零度以下", "借宿一夜", "借宿一晚", "六口之家", "月入数万", "杀人一万",
    "两万五千里长征", "二万五千里长征", "神舟五号", "长征三号甲", "面壁九年",
    "数以百万计", "数以千万计", "数以万计", "数以千计", "数以亿计", "数以十万计",
}
# Doubling (翻一番, 翻两番) is a quantity in every report that writes it.
DOUBLING = re.compile("翻.*番")


def main():
    src = Path(sys.argv[1])
    idioms, places = set(), set()
    for line in src.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 3 or not NUMERAL.search(parts[0]):
            continue
        w, tag = parts[0], parts[2]
        if tag == "i" and len(w) >= 4 and w not in QUANTITIES and not DOUBLING.search(w):
            idioms.add(w)
        elif tag == "ns" and len(w) >= 3:
            places.add(w)
    write("idioms.txt", "Idioms (成语)", "`i`", idioms)
    write("places.txt", "Place names", "`ns`, three characters or more", places)


def write(name, what, tags, words):
    header = [
        f"# {what} holding a numeral: set words of number extraction (SPEC §2.2).",
        f"# From jieba's dict.txt (https://github.com/fxsjy/jieba, MIT licence), words tagged {tags};",
        "# written by scripts/set-words-from-jieba.py (which says what it leaves out). One a line.",
    ]
    (DATA / name).write_text("\n".join(header + sorted(words)) + "\n", encoding="utf-8")
    print(f"{DATA / name}: {len(words)} words")


if __name__ == "__main__":
    main()
