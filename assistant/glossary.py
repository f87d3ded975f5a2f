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
    r"\bland(?:s|ed|ing)?\b": ("用地", "土地", "落地"),
    r"factors? of production|resource guarantees?|inputs?": ("要素保障", "要素"),
    r"plenary sessions?|plenum": ("全会",),
    r"party committee|provincial party|municipal party": ("省委", "市委"),
    r"economic (?:work|tasks?)": ("经济工作",),
    r"coordinat\w*|overall planning": ("统筹",),
    r"year[- ]on[- ]year": ("同比",),
    r"striv\w*|endeavou?r|aim(?:s|ing)? to|try to": ("力争",),
    r"preliminary work|preparatory work|early[- ]stage work": ("前期工作",),
    r"actively develop\w*|vigorously develop\w*": ("积极发展", "大力发展"),
    r"accelerat\w*|speed(?:ing)? up|sped up|fast[- ]track\w*": ("加快",),
    r"promot\w*|push(?:ed|ing)? forward|advanc\w+": ("推动", "推进"),
    r"strengthen\w*|reinforc\w*|consolidat\w*": ("加强", "强化", "做强"),
    r"deepen\w*": ("深化",),
    r"implement\w*|carry out|put into practice": ("落实", "实施"),
    r"explor\w*": ("探索",),
    r"\bsupport\w*": ("支持",),
    r"improv\w*|upgrad\w*|enhanc\w*": ("提升", "完善"),
    r"foreign[- ](?:invested|funded|capital|investment)|overseas investors?": ("外资",),
    r"\bbay\b": ("湾",),
    r"new town|new city": ("新城",),
    r"enterprises?|compan(?:y|ies)|firms?|businesses": ("企业",),
    r"revenues?": ("收入",),
    r"spend\w*|expenditures?|outlays?": ("支出",),
    # topics that reports often cover; listed so a question about them can be recognised as
    # absent when a report does not mention them
    r"housing|house prices?|real estate|property market": ("住房", "房价", "房地产"),
    r"hospitals?|medical|health ?care": ("医院", "医疗", "卫生"),
    r"population|residents? count": ("人口", "常住人口"),
    r"unemploy\w*": ("失业", "失业率"),
    r"grain|crops?|sown area|harvest": ("粮食", "播种面积"),
    r"pensions?|elderly|old[- ]age": ("养老",),
    r"air quality|good air days|pm ?2\.5": ("空气质量", "优良天数"),
    r"high[- ]tech enterprises?|high[- ]tech (?:firms|companies)": ("高新技术企业",),
    r"total investment|total cost|investment amount": ("总投资",),
    r"actually utili[sz]ed|utili[sz]ed foreign": ("实际利用外资",),
    r"cargo throughput|throughput|container volume": ("吞吐量", "货物吞吐量"),
    r"open(?:ed|ing)? to traffic": ("建成通车", "通车"),
    r"tourists?|visitors?|tourism revenue": ("游客", "旅游收入"),
    r"school places|student places|enrol+ment": ("学位",),
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
    r"listed|listing|\bipo\b|stock market|go(?:es|ing)? public": ("上市", "上市挂牌"),
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
# \b would see no boundary between 年 and GDP (both are word characters): use Latin-letter edges.
_EDGE = r"(?:(?<![A-Za-z])(?=[A-Za-z])|(?<=[A-Za-z])(?![A-Za-z]))"
_COMPILED = [(re.compile(pattern.replace(r"\b", _EDGE), re.IGNORECASE), terms)
             for pattern, terms in GLOSSARY.items()]
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion)", re.IGNORECASE)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


_ROUND = {10: "十", 100: "百", 1000: "千"}


def _chinese_amounts(value: float) -> tuple[str, ...]:
    """12e9 → ('120亿',), 1e11 → ('1000亿', '千亿'), 4e4 → ('4万',)."""
    for unit, size in (("亿", 1e8), ("万", 1e4)):
        if value >= size:
            n = value / size
            forms = [(f"{n:.0f}" if n == int(n) else f"{n:g}") + unit]
            if n in _ROUND:
                forms.append(_ROUND[int(n)] + unit)
            return tuple(forms)
    return (f"{value:g}",)


def expand_groups(question: str) -> list[tuple[str, ...]]:
    """The Chinese terms of each glossary entry and amount an English question mentions."""
    groups = [chinese for pattern, chinese in _COMPILED if pattern.search(question)]
    for number, scale in _AMOUNT.findall(question):
        groups.append(_chinese_amounts(float(number) * _SCALE[scale.lower()]))
    return groups


def expand(question: str) -> list[str]:
    """Chinese report terms for the English phrases and amounts in a question."""
    terms: list[str] = []
    for group in expand_groups(question):
        terms.extend(t for t in group if t not in terms)
    return terms
