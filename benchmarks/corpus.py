"""A synthetic article library for benchmarks: N articles, 8 categories x 5 subcategories.

Why synthetic: the benchmark must run at 1,000, 5,000 and 10,000 articles, and the shipped samples
are a few dozen. Why not random noise: build time, page size and above all the recommendation
ranking depend on what the text looks like. So every subcategory has its own topic vocabulary (a
few hand-picked words plus a long tail drawn from a fixed seed), articles on the same topic share
it, each article has a handful of focus words of its own, and about half the articles are Chinese
(words taken from jieba's dictionary, so segmentation sees real words). Lengths are those of real
secretarial articles: 600-1500 English words, 1000-2500 Chinese characters. The same seed always
writes byte-identical files.

Usage: ``python -m benchmarks.corpus OUT_DIR N [--seed S]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jieba

from library.frontmatter import FrontMatter, dump
from library.slugs import slugify

#: The vocabulary is fixed whatever the corpus seed, so topics mean the same thing in every corpus.
_VOCABULARY_SEED = 20240501


@dataclass(frozen=True)
class Subcategory:
    """A topic: its name and the words that make an article recognisably about it."""

    name: str
    english: tuple[str, ...]
    chinese: tuple[str, ...]


#: category -> its five subcategories, each with core words in both languages.
TAXONOMY: dict[str, tuple[Subcategory, ...]] = {
    "Speeches": (
        Subcategory(
            "Party Building",
            ("party", "members", "discipline", "branch", "ideology", "integrity"),
            ("党建", "党员", "支部", "纪律", "思想", "廉洁"),
        ),
        Subcategory(
            "Economic Work",
            ("economy", "growth", "investment", "industry", "market", "enterprises"),
            ("经济", "增长", "投资", "产业", "市场", "企业"),
        ),
        Subcategory(
            "Safety Production",
            ("safety", "hazards", "accidents", "inspection", "fire", "prevention"),
            ("安全", "隐患", "事故", "检查", "消防", "预防"),
        ),
        Subcategory(
            "Education",
            ("students", "teachers", "schools", "curriculum", "learning", "campus"),
            ("学生", "教师", "学校", "课程", "学习", "校园"),
        ),
        Subcategory(
            "Anniversaries",
            ("anniversary", "history", "founding", "celebration", "heritage", "memory"),
            ("周年", "历史", "成立", "庆祝", "传承", "纪念"),
        ),
    ),
    "Work Summaries": (
        Subcategory(
            "Annual",
            ("year", "achievements", "targets", "results", "review", "shortcomings"),
            ("年度", "成绩", "目标", "成果", "回顾", "不足"),
        ),
        Subcategory(
            "Half-Year",
            ("half", "progress", "midterm", "quarter", "schedule", "milestones"),
            ("半年", "进展", "中期", "季度", "进度", "节点"),
        ),
        Subcategory(
            "Departmental",
            ("department", "office", "staff", "coordination", "services", "duties"),
            ("部门", "办公室", "职工", "协调", "服务", "职责"),
        ),
        Subcategory(
            "Project",
            ("project", "delivery", "contractor", "budget", "scope", "acceptance"),
            ("项目", "交付", "承包", "预算", "范围", "验收"),
        ),
        Subcategory(
            "Personal",
            ("myself", "growth", "mentor", "skills", "reflection", "habits"),
            ("个人", "成长", "导师", "技能", "反思", "习惯"),
        ),
    ),
    "Reports": (
        Subcategory(
            "Government Work",
            ("government", "citizens", "reform", "livelihood", "administration", "policy"),
            ("政府", "群众", "改革", "民生", "行政", "政策"),
        ),
        Subcategory(
            "Survey",
            ("survey", "respondents", "sample", "findings", "questionnaire", "interviews"),
            ("调研", "受访", "样本", "发现", "问卷", "访谈"),
        ),
        Subcategory(
            "Inspection",
            ("inspection", "rectification", "problems", "supervision", "compliance", "findings"),
            ("巡察", "整改", "问题", "监督", "合规", "反馈"),
        ),
        Subcategory(
            "Audit",
            ("audit", "accounts", "funds", "expenditure", "irregularities", "assets"),
            ("审计", "账目", "资金", "支出", "违规", "资产"),
        ),
        Subcategory(
            "Debriefing",
            ("debriefing", "duties", "performance", "responsibility", "conduct", "evaluation"),
            ("述职", "履职", "绩效", "责任", "作风", "考核"),
        ),
    ),
    "Plans": (
        Subcategory(
            "Strategic",
            ("strategy", "vision", "priorities", "roadmap", "objectives", "horizon"),
            ("战略", "愿景", "重点", "路线", "目标", "规划"),
        ),
        Subcategory(
            "Annual Plans",
            ("calendar", "tasks", "deadlines", "quarterly", "assignments", "targets"),
            ("计划", "任务", "期限", "季度", "分工", "指标"),
        ),
        Subcategory(
            "Training",
            ("training", "courses", "trainees", "workshops", "instructors", "certification"),
            ("培训", "课程", "学员", "讲座", "讲师", "认证"),
        ),
        Subcategory(
            "Events",
            ("event", "venue", "guests", "ceremony", "programme", "logistics"),
            ("活动", "场地", "嘉宾", "仪式", "节目", "后勤"),
        ),
        Subcategory(
            "Emergency",
            ("emergency", "flood", "evacuation", "drills", "rescue", "contingency"),
            ("应急", "防汛", "疏散", "演练", "救援", "预案"),
        ),
    ),
    "Notices": (
        Subcategory(
            "Meetings",
            ("meeting", "attendees", "agenda", "venue", "registration", "materials"),
            ("会议", "参会", "议程", "地点", "报名", "材料"),
        ),
        Subcategory(
            "Holidays",
            ("holiday", "festival", "leave", "duty", "closure", "arrangements"),
            ("假期", "节日", "休假", "值班", "放假", "安排"),
        ),
        Subcategory(
            "Personnel",
            ("appointment", "promotion", "recruitment", "candidates", "transfer", "probation"),
            ("任命", "晋升", "招聘", "人选", "调动", "试用"),
        ),
        Subcategory(
            "Budget",
            ("budget", "allocation", "fiscal", "spending", "revenue", "appropriation"),
            ("预算", "拨款", "财政", "开支", "收入", "经费"),
        ),
        Subcategory(
            "Regulations",
            ("regulation", "rules", "articles", "enforcement", "provisions", "amendment"),
            ("规定", "制度", "条款", "执行", "办法", "修订"),
        ),
    ),
    "Letters": (
        Subcategory(
            "Congratulations",
            ("congratulations", "success", "honour", "award", "wishes", "milestone"),
            ("祝贺", "成功", "荣誉", "奖项", "祝愿", "喜讯"),
        ),
        Subcategory(
            "Invitations",
            ("invitation", "attend", "reception", "guest", "honoured", "reply"),
            ("邀请", "出席", "招待", "来宾", "莅临", "回复"),
        ),
        Subcategory(
            "Thanks",
            ("thanks", "gratitude", "support", "generosity", "kindness", "donation"),
            ("感谢", "谢意", "支持", "慷慨", "关怀", "捐赠"),
        ),
        Subcategory(
            "Condolences",
            ("condolences", "sympathy", "loss", "mourning", "family", "comfort"),
            ("慰问", "同情", "逝世", "哀悼", "家属", "安慰"),
        ),
        Subcategory(
            "Recommendations",
            ("recommendation", "candidate", "qualities", "reference", "diligent", "suitability"),
            ("推荐", "候选", "品质", "证明", "勤奋", "胜任"),
        ),
    ),
    "Minutes": (
        Subcategory(
            "Board",
            ("board", "directors", "resolution", "shareholders", "quorum", "vote"),
            ("董事会", "董事", "决议", "股东", "法定", "表决"),
        ),
        Subcategory(
            "Staff Meetings",
            ("staff", "announcements", "workload", "feedback", "rota", "canteen"),
            ("职工", "通报", "工作量", "意见", "排班", "食堂"),
        ),
        Subcategory(
            "Committee",
            ("committee", "chair", "motion", "deliberation", "members", "secretary"),
            ("委员会", "主任", "动议", "审议", "委员", "秘书"),
        ),
        Subcategory(
            "Project Meetings",
            ("milestone", "risks", "issues", "owner", "status", "actions"),
            ("里程碑", "风险", "事项", "负责人", "状态", "行动"),
        ),
        Subcategory(
            "Seminars",
            ("seminar", "speakers", "discussion", "papers", "panel", "exchange"),
            ("研讨", "发言", "讨论", "论文", "座谈", "交流"),
        ),
    ),
    "Research": (
        Subcategory(
            "Policy",
            ("policy", "legislation", "framework", "stakeholders", "implementation", "impact"),
            ("政策", "立法", "框架", "利益", "落实", "影响"),
        ),
        Subcategory(
            "Governance",
            ("governance", "community", "grassroots", "autonomy", "accountability", "transparency"),
            ("治理", "社区", "基层", "自治", "问责", "透明"),
        ),
        Subcategory(
            "Digital Office",
            ("digital", "software", "documents", "workflow", "platform", "automation"),
            ("数字", "软件", "公文", "流程", "平台", "自动化"),
        ),
        Subcategory(
            "Rural Development",
            ("rural", "farmers", "villages", "agriculture", "poverty", "harvest"),
            ("乡村", "农民", "村庄", "农业", "扶贫", "丰收"),
        ),
        Subcategory(
            "Environment",
            ("environment", "pollution", "emissions", "ecology", "rivers", "greening"),
            ("环境", "污染", "排放", "生态", "河流", "绿化"),
        ),
    ),
}

_EN_GENERAL_NOUNS = (
    "work",
    "plan",
    "people",
    "system",
    "approach",
    "quality",
    "standard",
    "team",
    "unit",
    "process",
    "measure",
    "goal",
    "task",
    "effort",
    "role",
    "leadership",
    "management",
    "service",
    "support",
    "level",
    "mechanism",
    "capacity",
    "practice",
    "experience",
    "principle",
    "basis",
    "condition",
    "situation",
    "foundation",
    "spirit",
    "awareness",
    "requirement",
    "responsibility",
    "opportunity",
    "challenge",
    "method",
    "outcome",
    "resource",
    "network",
    "region",
    "city",
    "province",
    "county",
    "colleague",
    "organisation",
    "institution",
    "guideline",
    "document",
    "report",
    "information",
    "data",
    "record",
)
_EN_VERBS = (
    "strengthen",
    "improve",
    "promote",
    "implement",
    "ensure",
    "advance",
    "deepen",
    "review",
    "support",
    "consolidate",
    "coordinate",
    "develop",
    "carry out",
    "focus on",
    "build",
    "refine",
    "monitor",
    "evaluate",
    "encourage",
    "organise",
    "enhance",
    "address",
    "prioritise",
    "standardise",
    "uphold",
)
_EN_ADJECTIVES = (
    "comprehensive",
    "effective",
    "steady",
    "practical",
    "important",
    "overall",
    "solid",
    "sound",
    "key",
    "long-term",
    "new",
    "sustainable",
    "concrete",
    "clear",
    "strong",
    "fair",
    "open",
    "timely",
    "orderly",
    "high-quality",
    "responsible",
    "innovative",
    "systematic",
    "specific",
    "broad",
)
_EN_SENTENCES = (
    "We must {v} the {a} {t} and {v} the {g} of {t}.",
    "Over the past year, the {g} has worked to {v} {t} and {t}.",
    "It is {a} to {v} our {t} so that every {g} can {v} the {t}.",
    "First, we will {v} {a} {t} across the {g}.",
    "The {t} remains a {a} {g}, and the {t} depends on it.",
    "Colleagues should {v} the {t} and report on the {t} regularly.",
    "To {v} the {t}, each {g} needs a {a} {g} for {t}.",
    "Our {g} will {v} the {a} {t} in line with the {t}.",
    "Progress on {t} was {a}, but {t} still requires attention.",
    "We will {v} {t}, {v} {t} and {v} the {a} {g}.",
    "Experience shows that {a} {t} is the basis of {t}.",
    "The {g} agreed to {v} {t} before the end of the quarter.",
)
_ZH_SENTENCES = (
    "要{v}{t}，{v}{a}{g}，切实{v}{t}工作。",
    "一年来，我们{v}{t}，{v}{t}，取得了{a}成效。",
    "各{g}要把{t}作为{a}任务，{v}{t}。",
    "第一，{v}{t}，{v}{g}和{t}。",
    "{t}是{a}{g}，必须{v}{t}。",
    "我们将{v}{a}{t}，{v}{t}{g}。",
    "在{t}方面，{g}{v}了{t}，{v}了{a}{g}。",
    "要坚持{v}{t}，不断{v}{t}水平。",
    "实践证明，{a}{t}是{t}的{g}。",
    "对于{t}，各单位要{v}{g}，{v}{t}。",
    "进一步{v}{t}，{v}{a}{g}，推动{t}。",
    "会议要求，{v}{t}，{v}{t}，确保{a}{g}。",
)
_EN_TITLES = (
    "Speech on {T} at the {y} work conference",
    "{T} and {T}: a {y} review",
    "Notes on {T} for {y}",
    "How we approached {T} in {y}",
    "{T}, {T} and the road ahead ({y})",
    "Report on {T} and {T}, {y}",
)
_ZH_TITLES = (
    "在{y}年{T}工作会议上的讲话",
    "关于{T}和{T}的{y}年工作总结",
    "{y}年{T}情况的报告",
    "关于进一步做好{T}工作的通知（{y}年）",
    "{T}与{T}：{y}年回顾",
)
_SYLLABLES = (
    "ba",
    "co",
    "da",
    "fe",
    "gi",
    "lo",
    "ma",
    "ne",
    "ri",
    "sa",
    "te",
    "vo",
    "ran",
    "lin",
    "tor",
    "mel",
    "pra",
    "sto",
    "ven",
    "dul",
    "kar",
    "bre",
    "ol",
    "ex",
    "um",
    "is",
)


@dataclass(frozen=True)
class Topic:
    """One subcategory's full vocabulary in both languages."""

    category: str
    subcategory: Subcategory
    english: tuple[str, ...]
    chinese: tuple[str, ...]


def generate_corpus(docs_dir: Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` articles as ``docs_dir/<category>/<subcategory>/<slug>.md``; list them."""
    rng = random.Random(seed)
    topics = _topics()
    written: list[Path] = []
    used: set[Path] = set()
    for _ in range(n):
        topic = topics[rng.randrange(len(topics))]
        front, body = _article(rng, topic)
        folder = docs_dir / slugify(topic.category) / slugify(topic.subcategory.name)
        path = _unique(folder, slugify(front.title), used)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(front, body), encoding="utf-8")
        written.append(path)
    return written


def _unique(folder: Path, slug: str, used: set[Path]) -> Path:
    path, number = folder / f"{slug}.md", 1
    while path in used:
        number += 1
        path = folder / f"{slug}-{number}.md"
    used.add(path)
    return path


def _article(rng: random.Random, topic: Topic) -> tuple[FrontMatter, str]:
    chinese = rng.random() < 0.5
    words = topic.chinese if chinese else topic.english
    core = topic.subcategory.chinese if chinese else topic.subcategory.english
    focus = [*rng.sample(core, 2), *rng.sample(words, 4)]
    year = rng.randrange(2015, 2026)
    title = _title(rng, focus, year, chinese)
    body = _body(rng, focus, words, chinese)
    first_sentence = body.split("\n\n")[1].replace("\n- ", " ").removeprefix("- ")
    description = first_sentence[:80] if chinese else " ".join(first_sentence.split()[:24])
    front = FrontMatter(
        title=title,
        category=topic.category,
        subcategory=topic.subcategory.name,
        date=dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365)),
        description=description,
        tags=tuple(dict.fromkeys(rng.sample(core, rng.randint(1, 3)))),
        views=int(rng.paretovariate(1.1) * 20),
    )
    return front, body


def _title(rng: random.Random, focus: Sequence[str], year: int, chinese: bool) -> str:
    template = rng.choice(_ZH_TITLES if chinese else _EN_TITLES)
    picks = iter(rng.sample(list(focus), 2))
    title = template.replace("{y}", str(year))
    while "{T}" in title:
        title = title.replace("{T}", next(picks), 1)
    return title[0].upper() + title[1:]


def _body(rng: random.Random, focus: Sequence[str], words: Sequence[str], chinese: bool) -> str:
    """Sections of paragraphs until a realistic length is reached, with the odd list."""
    target = rng.randint(1000, 2500) if chinese else rng.randint(600, 1500)
    general = _zh_general() if chinese else _en_general()
    templates = _ZH_SENTENCES if chinese else _EN_SENTENCES
    blocks: list[str] = []
    size = 0
    section = 0
    while size < target:
        section += 1
        heading = rng.choice(focus)
        blocks.append(
            f"## {section}、{heading}" if chinese else f"## {section}. {heading.capitalize()}"
        )
        for _ in range(rng.randint(2, 4)):
            if size >= target:
                break
            sentences = [
                _sentence(rng, rng.choice(templates), focus, words, general)
                for _ in range(rng.randint(3, 6))
            ]
            paragraph = ("" if chinese else " ").join(sentences)
            if rng.random() < 0.15:
                paragraph = "\n".join(f"- {s}" for s in sentences)
            blocks.append(paragraph)
            size += len(paragraph) if chinese else len(paragraph.split())
    return "\n\n".join(blocks)


def _sentence(
    rng: random.Random,
    template: str,
    focus: Sequence[str],
    words: Sequence[str],
    general: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
) -> str:
    nouns, verbs, adjectives = general
    parts = template.split("{")
    out = [parts[0]]
    for part in parts[1:]:
        slot, rest = part[0], part[2:]
        if slot == "t":
            roll = rng.random()
            word = (
                rng.choice(focus)
                if roll < 0.45
                else rng.choice(words)
                if roll < 0.85
                else rng.choice(nouns)
            )
        elif slot == "g":
            word = rng.choice(nouns)
        elif slot == "v":
            word = rng.choice(verbs)
        else:
            word = rng.choice(adjectives)
        out.append(word + rest)
    text = "".join(out)
    return text[0].upper() + text[1:]


@cache
def _topics() -> tuple[Topic, ...]:
    """Each subcategory's core words plus a long tail of its own: 120 English, 120 Chinese."""
    rng = random.Random(_VOCABULARY_SEED)
    zh_pool = _jieba_words("n", 300, 9000)
    rng.shuffle(zh_pool)
    topics = []
    offset = 0
    for category, subcategories in TAXONOMY.items():
        for sub in subcategories:
            english = sub.english + tuple(_pseudo_word(rng) for _ in range(120))
            chinese = sub.chinese + tuple(zh_pool[offset : offset + 120])
            offset += 120
            topics.append(Topic(category, sub, english, chinese))
    return tuple(topics)


def _pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


@cache
def _en_general() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return _EN_GENERAL_NOUNS, _EN_VERBS, _EN_ADJECTIVES


@cache
def _zh_general() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return (
        tuple(_jieba_words("n", 0, 300)),
        tuple(_jieba_words("v", 0, 400)),
        tuple(_jieba_words("a", 0, 200)),
    )


@cache
def _jieba_dictionary() -> dict[str, list[str]]:
    """jieba's own word list by part of speech, most frequent first, two to four characters long."""
    by_pos: dict[str, list[tuple[int, str]]] = {}
    dictionary = Path(jieba.__file__).with_name("dict.txt")
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        word, freq, pos = line.rsplit(" ", 2)
        if 2 <= len(word) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in word):
            by_pos.setdefault(pos, []).append((-int(freq), word))
    return {pos: [w for _, w in sorted(items)] for pos, items in by_pos.items()}


def _jieba_words(pos: str, start: int, stop: int) -> list[str]:
    return _jieba_dictionary()[pos][start:stop]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m benchmarks.corpus OUT_DIR N [--seed S]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out_dir", type=Path, help="docs folder to fill (created if missing)")
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be 0 or more")
    paths = generate_corpus(args.out_dir, args.n, args.seed)
    print(f"wrote {len(paths)} articles under {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
