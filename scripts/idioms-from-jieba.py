#!/usr/bin/env python3
"""Writes crates/core/src/numbers/data/idioms.txt: the idioms (成语) of jieba's
dictionary that hold a numeral, for number extraction to read as set words
(SPEC §2.2: 危机四伏, 三心二意, 一波三折 state no quantity).

jieba (https://github.com/fxsjy/jieba, MIT licence) tags idioms `i` in its
dict.txt. Taken: every `i` word of four or more characters holding a Chinese
numeral, except those that do state a quantity or name a numbered thing
(below, with the reason). The list is data: rerun this to regenerate it.

    pip download jieba==0.42.1 --no-deps && tar xzf jieba-0.42.1.tar.gz
    python3 scripts/idioms-from-jieba.py jieba-0.42.1/jieba/dict.txt
"""
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "crates/core/src/numbers/data/idioms.txt"
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
    words = set()
    for line in src.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 3 or parts[2] != "i":
            continue
        w = parts[0]
        if len(w) >= 4 and NUMERAL.search(w) and w not in QUANTITIES and not DOUBLING.search(w):
            words.add(w)
    header = [
        "# Idioms (成语) holding a numeral: set words of number extraction (SPEC §2.2).",
        "# From jieba's dict.txt (https://github.com/fxsjy/jieba, MIT licence), words tagged `i`;",
        "# written by scripts/idioms-from-jieba.py (which says what it leaves out). One a line.",
    ]
    OUT.write_text("\n".join(header + sorted(words)) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(words)} idioms")


if __name__ == "__main__":
    main()
