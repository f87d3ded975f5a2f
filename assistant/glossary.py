"""A small English→Chinese glossary of report terms that widens English queries.

Government work reports use a fixed vocabulary whose official English renderings are well known
(地区生产总值 "GDP", 固定资产投资 "fixed-asset investment", 对口帮扶 "paired assistance"...).
Matching them adds the Chinese terms to the lexical query; figures in English units are added in
Chinese units ("45 billion yuan" → 450亿元).
"""

from __future__ import annotations

import re

# English phrase (regex, case-insensitive) → Chinese report terms.
GLOSSARY: dict[str, tuple[str, ...]] = {
    # main economic indicators
    r"\bgdp\b|gross (?:domestic|regional) product|economic output": ("地区生产总值",),
    r"fixed[- ]asset": ("固定资产投资",),
    r"\binvest(?:ment|ments|ing|ed)?\b": ("投资",),
    r"retail sales|consumer goods": ("社会消费品零售总额",),
    r"consum(?:ption|er|e)": ("消费",),
    r"imports?|exports?|foreign trade": ("进出口总额", "外贸"),
    r"value[- ]added|industrial output": ("规模以上工业增加值", "工业增加值"),
    r"budget(?:ary)? revenue|fiscal revenue|public budget|general budget|\bfiscal\b": ("一般公共预算收入", "财政"),
    r"\bcpi\b|consumer prices?|inflation": ("居民消费价格",),
    r"\bjobs?\b|employment": ("就业",),
    r"\bincomes?\b": ("居民收入",),
    r"pollutants?|emissions?": ("污染物", "排放"),
    r"targets?|goals?|objectives?|expected": ("目标", "预期目标"),
    r"growth|grow|increase": ("增长",),
    r"per ?cent|percentage": ("%",),
    # policy vocabulary
    r"overall requirements?|general requirements?": ("总体要求",),
    r"top priority|primary task|first priority": ("首要任务",),
    r"high[- ]quality development": ("高质量发展",),
    r"real economy|\bindustry first\b": ("实业", "实体经济"),
    r"new development (?:pattern|paradigm)": ("新发展格局",),
    r"new development philosophy|new development concept": ("新发展理念",),
    r"stability|steady progress": ("稳中求进",),
    r"domestic demand": ("扩大内需", "内需"),
    r"paired (?:assistance|support)|counterpart (?:assistance|support)": ("对口帮扶", "对口支援"),
    r"industr(?:ial|y) transfer|relocat\w+ industr\w+": ("产业转移", "承接产业"),
    r"blueprint|construction drawing": ("施工图", "蓝图"),
    r"rural revitali[sz]ation|countryside": ("乡村振兴", "三农"),
    r"agricultur\w*|farmers?|rural": ("农业", "农村", "三农"),
    r"count(?:y|ies)": ("县域",),
    r"ecolog\w*|environment\w*": ("生态", "环境"),
    r"business environment": ("营商环境", "优环境"),
    r"livelihoods?|people's wellbeing|well-being|welfare": ("民生",),
    r"reform": ("改革",),
    r"opening[- ]up": ("开放",),
    r"state[- ]owned": ("国企",),
    r"private (?:investment|capital|sector)|non-public": ("民间投资", "民间资本"),
    r"smes?|small and medium": ("中小企业",),
    r"financ\w*|loans?|credit": ("金融", "融资"),
    r"special[- ]purpose bonds?|special bonds?|government bonds?|\bbonds?\b": ("专项债券", "债券"),
    r"land|idle land": ("用地", "土地"),
    r"factors? of production|resource guarantees?|inputs?": ("要素保障", "要素"),
    # industry and projects
    r"manufactur\w*": ("制造业",),
    r"advanced manufactur\w*": ("先进制造业",),
    r"strategic (?:pillar|leading|emerging)|pillar industr\w*": ("战略性", "主导产业"),
    r"traditional industr\w*": ("传统产业",),
    r"industrial (?:clusters?|chains?)|supply chains?": ("产业集群", "产业链"),
    r"petrochemical\w*|oil refin\w*": ("石化", "石油化工"),
    r"chemical\w*": ("化工", "绿色化工"),
    r"new materials?": ("新材料",),
    r"new energy|renewable": ("新能源",),
    r"hydrogen": ("氢能",),
    r"zero[- ]carbon|carbon neutral\w*|low[- ]carbon": ("零碳", "低碳"),
    r"industrial parks?|\bparks?\b": ("园区", "产业园"),
    r"platforms?|carriers?": ("平台", "载体"),
    r"high[- ]tech zone|hi[- ]tech zone|high[- ]tech(?:nology)? (?:industrial )?(?:development )?zone": ("高新区",),
    r"new (?:area|district|city|town)s?": ("新区", "新城"),
    r"positioning|position|\brole\b|defined as": ("定位",),
    r"\broles?\b": ("作用",),
    r"investment promotion|attract\w* (?:investment|business|firms|enterprises)|investment attraction": ("招商引资", "招商"),
    r"capital[- ]based|equity investment|investment funds?": ("资本招商", "基金"),
    r"leading (?:firms|enterprises|companies)|chain leaders?|headquarters": ("链主企业", "头部企业", "总部企业"),
    r"major projects?|key projects?|major industrial projects?": ("重点项目", "重大项目", "重大工业项目"),
    r"projects?": ("项目",),
    r"listed|listing|\bipo\b|stock market": ("上市",),
    r"technical (?:upgrad|renovat|transform)\w*": ("技改",),
    r"expan\w+ (?:capacity|production)|capital increase": ("增资扩产",),
    r"tourism|cultural": ("文化旅游",),
    r"logistics": ("物流",),
    r"food processing": ("食品加工",),
    r"southern (?:chinese )?medicine|\bhealth\b": ("南药健康",),
    r"electronics?": ("电子",),
    r"equipment": ("装备制造",),
    r"minerals?|mining": ("矿产",),
    r"construction industry|building industry": ("建筑业",),
    # science, education, talent
    r"education|schools?": ("教育", "学校"),
    r"kindergartens?|preschool": ("幼儿园",),
    r"primary schools?": ("小学",),
    r"high schools?|middle schools?|secondary schools?": ("中学",),
    r"vocational": ("职业教育",),
    r"higher education|universit\w+|colleges?": ("高等教育", "高校"),
    r"teachers?|principals?": ("教师", "校长"),
    r"special(?:ized)? schools?|juvenile|delinquen\w*|minors?": ("专门学校", "未成年人"),
    r"homework|after[- ]school|double reduction": ("双减", "课后服务"),
    r"science|technolog\w*|innovation|r ?& ?d": ("科技", "创新"),
    r"research (?:institutes?|institutions?)|r&d institutions?": ("研发机构", "研究院"),
    r"enterprise technology cent\w+|technology cent\w+": ("企业技术中心",),
    r"pilot (?:base|plant)|incubat\w+|accelerat\w+": ("中试基地", "加速基地"),
    r"talents?|professionals?|skilled": ("人才",),
    r"graduates?": ("高校毕业生", "毕业生"),
    r"quality": ("质量",),
    # infrastructure
    r"infrastructure": ("基建", "基础设施"),
    r"high[- ]speed rail(?:way)?": ("高铁",),
    r"railways?|rail lines?": ("铁路",),
    r"expressways?|highways?|motorways?": ("高速公路", "高速"),
    r"ports?|harbou?rs?|wharf|terminals?|channels?": ("港", "码头", "航道"),
    r"water resources?|water allocation|water supply": ("水资源",),
    r"fishing ports?|fisher\w*": ("渔港",),
    r"airports?|aviation": ("空港", "临空"),
    r"cooperat\w+|partner\w*": ("合作",),
    r"provinc\w+": ("全省", "省"),
}
_COMPILED = [(re.compile(pattern, re.IGNORECASE), terms) for pattern, terms in GLOSSARY.items()]
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion)", re.IGNORECASE)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def _chinese_amount(value: float) -> str:
    """12e9 → '120亿', 4e4 → '4万'."""
    for unit, size in (("亿", 1e8), ("万", 1e4)):
        if value >= size:
            n = value / size
            return (f"{n:.0f}" if n == int(n) else f"{n:g}") + unit
    return f"{value:g}"


def expand(question: str) -> list[str]:
    """Chinese report terms for the English phrases and amounts in a question."""
    terms: list[str] = []
    for pattern, chinese in _COMPILED:
        if pattern.search(question):
            terms.extend(t for t in chinese if t not in terms)
    for number, scale in _AMOUNT.findall(question):
        terms.append(_chinese_amount(float(number) * _SCALE[scale.lower()]))
    return terms
