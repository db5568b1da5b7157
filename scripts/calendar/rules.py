"""Rules and corrections applied by gen_eras.py, each with its source. Every rule here is
also described in assets/calendar/README.md (spellings) or assets/calendar/ERAS.md (fixes).
"""

# ---------------------------------------------------------------------------------------
# Taboo respellings (避諱). Texts copied under a dynasty avoid the characters of its rulers'
# personal names, also in the names of earlier eras: 四庫全書 prints 宏治 for 弘治 and 元始
# for 玄始. Source: 陳垣《史諱舉例》(1928), 卷八「歷朝諱例」 (唐諱例, 宋諱例, 清諱例).
# (character, respelling, the ruler whose name it is, first CE year of the taboo). A rule
# applies to the eras that ended before that year.
TABOO = [
    # 唐
    ("世", "代", "唐太宗 李世民", 626),
    ("民", "人", "唐太宗 李世民", 626),
    ("治", "理", "唐高宗 李治", 649),
    ("顯", "明", "唐中宗 李顯", 684),
    ("隆", "崇", "唐玄宗 李隆基", 712),
    # 宋
    ("玄", "元", "宋聖祖 趙玄朗", 1012),
    ("匡", "正", "宋太祖 趙匡胤", 960),
    ("貞", "正", "宋仁宗 趙禎", 1023),
    ("桓", "威", "宋欽宗 趙桓", 1126),
    # 清 (the 四庫 respellings)
    ("玄", "元", "清聖祖 玄燁", 1662),
    ("胤", "允", "清世宗 胤禛", 1723),
    ("禛", "禎", "清世宗 胤禛", 1723),
    ("弘", "宏", "清高宗 弘曆", 1736),
    ("曆", "歷", "清高宗 弘曆", 1736),
    ("寧", "甯", "清宣宗 旻寧", 1821),
    ("淳", "湻", "清穆宗 載淳", 1862),
]

# ---------------------------------------------------------------------------------------
# Other spelling rules for era names.

# 大 and 太 interchange at the head of era names: DDBC itself records 太安/大安 (西晉, 前秦,
# 後涼), 太延/大延 (北魏), 太寧/大寧 (北齊), 大和/太和 (唐, 南吳) as names of one era, and
# 遼史's 大康 is 太康 in 契丹國志 and the Song histories.
HEAD_INTERCHANGE = [("大", "太"), ("太", "大")]

# Print forms that no variant table links to the standard character, written as respellings
# of era names rather than folded (folding them would join two classes of the OpenCC tables).
# 寜 is the form of 寧 in many Ming and Qing prints (教育部《異體字字典》 lists it under 寧);
# assets/eras.json had 乾寜, 保寜, 清寜.
PRINT_FORMS = [("寧", "寜")]

# Posthumous names (諡) of rulers before 秦's unification, as the 史記 and 漢書 spell them
# beside the forms of 左傳 and the tables: 繆 for 穆 (秦繆公 = 秦穆公), 釐 for 僖 (魯釐公 =
# 魯僖公), 湣 and 愍 for 閔 (齊湣王 = 齊閔王). cejs lists some rulers under one form only, a
# few under both; each form answers for the other. Applied to rulers' years ending before
# 221 BCE.
POSTHUMOUS_FORMS = [("穆", "繆"), ("僖", "釐"), ("閔", "湣"), ("閔", "愍"), ("湣", "愍")]

# Four-character eras of 北宋 are cited by their last two characters (祥符 for 大中祥符,
# 興國 for 太平興國, 靖國 for 建中靖國), as 宋史 and 續資治通鑑長編 often do.
ABBREVIATE_LAST_TWO = {"北宋"}

# ---------------------------------------------------------------------------------------
# Regime aliases: the bare dynastic name (國號) that histories use for regimes whose table
# names carry a modern distinguishing prefix, and 國號 a regime used itself.
REGIME_ALIASES = {
    "西周": ["周"],
    "東周": ["周"],
    "西漢": ["漢", "前漢"],
    "東漢": ["漢", "後漢"],
    "蜀漢": ["漢", "蜀"],
    "曹魏": ["魏"],
    "孫吳": ["吳"],
    "西晉": ["晉"],
    "東晉": ["晉"],
    "漢趙": ["漢", "趙", "前趙"],
    "前趙": ["趙"],
    "後趙": ["趙"],
    "成漢": ["成", "漢"],
    "前涼": ["涼"],
    "後涼": ["涼"],
    "南涼": ["涼"],
    "西涼": ["涼"],
    "北涼": ["涼"],
    "前燕": ["燕"],
    "後燕": ["燕"],
    "南燕": ["燕"],
    "北燕": ["燕"],
    "西燕": ["燕"],
    "前秦": ["秦"],
    "後秦": ["秦"],
    "西秦": ["秦"],
    "胡夏": ["夏"],
    "冉魏": ["魏"],
    "翟魏": ["魏"],
    "劉宋": ["宋"],
    "南齊": ["齊"],
    "南梁": ["梁"],
    "西梁": ["梁", "後梁"],
    "北魏": ["魏"],
    "東魏": ["魏"],
    "西魏": ["魏"],
    "北齊": ["齊"],
    "北周": ["周"],
    "武周": ["周"],
    "後梁": ["梁", "朱梁"],
    "後唐": ["唐"],
    "後晉": ["晉"],
    "後漢": ["漢"],
    "後周": ["周"],
    "南吳": ["吳", "楊吳"],
    "前蜀": ["蜀"],
    "後蜀": ["蜀"],
    "南唐": ["唐"],
    "南漢": ["漢"],
    "北漢": ["漢"],
    "南楚": ["楚"],
    "南平": ["荊南"],
    "代": ["代國"],
    "北宋": ["宋"],
    "南宋": ["宋"],
    "遼": ["契丹", "大遼"],
    "北遼": ["遼"],
    "西遼": ["遼"],
    "西夏": ["夏", "大夏"],
    "南明": ["明"],
    "後金": ["金"],
    "蒙古": ["大蒙古國"],
}

# Names of a group of regimes, as titles use them (新五代史, 舊五代史, 十國春秋): written
# after each member's own names in the table, and not used to match records of the two
# sources (the aliases above are: a group name would make the members one regime).
GROUP_NAMES = {
    "五代": ["後梁", "後唐", "後晉", "後漢", "後周"],
    "十國": ["南吳", "南唐", "吳越", "閩", "南楚", "南漢", "前蜀", "後蜀", "荊南", "北漢"],
}

# Regimes whose eras a later regime took over, in regime-name pairs: (continued regime,
# continuing regime). Used only to name what DDBC records as an era starting at a year > 1.

# ---------------------------------------------------------------------------------------
# Variant pairs that no packaged table has: each with where it is attested. Kept to the
# minimum (see README: variants).
ATTESTED_PAIRS = [
    (
        "𥘉",
        "初",
        "教育部《異體字字典》lists 𥘉 (示 for 衣) among the variants of 初; Unihan gives its "
        "康熙字典 position (kKangXi 0839.251) but no variant link",
    ),
    (
        "鳯",
        "鳳",
        "教育部《異體字字典》lists 鳯 among the variants of 鳳; 四庫全書 prints 五鳯 for 五鳳 "
        "(資治通鑑 卷二十七, 漢紀十九) and 鳯皇 for 鳳皇",
    ),
    (
        "凞",
        "熙",
        "教育部《異體字字典》lists 凞 among the variants of 熙; 遼史 editions and 遼 coins write "
        "重凞 for 重熙",
    ),
    (
        "㑹",
        "會",
        "教育部《異體字字典》lists 㑹 among the variants of 會; 四庫全書 prints 㑹昌 for 會昌 "
        "(新唐書 卷八, 武宗紀)",
    ),
    (
        "邜",
        "卯",
        "四庫全書 prints 邜 for the branch 卯 in a year's 干支: 大金國志 卷十二 heads 皇統七年 "
        "(1147, 丁卯) `(丁/邜)皇統七年`; Unihan gives no variant link",
    ),
    (
        "眀",
        "明",
        "教育部《異體字字典》lists 眀 (目 for 日) among the variants of 明; 四庫全書 prints 大眀 for "
        "劉宋's era 大明 (宋書 卷六, 孝武帝紀: 大眀元年 … 八年) and 眀年 for 明年",
    ),
    (
        "㤗",
        "泰",
        "教育部《異體字字典》lists 㤗 among the variants of 泰; 四庫全書 prints 景㤗 for 明's era "
        "景泰 (明史 卷十一, 景帝紀: 景㤗元年 … 八年); Unihan gives no variant link",
    ),
]

# ---------------------------------------------------------------------------------------
# Countries of cejs arrays and the prefix of their regime names.
CEJS_COUNTRIES = {"中國": "China", "Việt Nam": "Vietnam", "琉球": "Ryukyu", "한국": "Korea", "日本": "Japan"}

# ---------------------------------------------------------------------------------------
# Corrections of the sources. Each has an id, the evidence in assets/calendar/ERAS.md and a
# test in src/calendar/era.rs. "set" changes fields of the one era found by regime, name and
# (optionally) start year; "add" adds an era the sources lack; "also" adds spellings;
# "drop" removes every record it matches; "shiji" adds the 史記 年表's count of a reign
# (first and last year) beside the record, or marks the record agreed where the years are
# the same; "revised" marks a reign only the revised chronology has (see `chronology` in
# assets/calendar/README.md).
# (A fix marked "cejs" corrects a record taken from cejs, after those are added.)
FIXES = [
    # 漢 成帝's first era is 建始 (漢書 成帝紀: 建始元年, 32 BCE); DDBC names it 始建, the two
    # characters swapped (cejs has 建始).
    {"id": "xihan-jianshi", "regime": "西漢", "name": "始建", "action": "set",
     "set": {"names": ["建始"]}},
    # 漢 宣帝's era 神爵 (61–58 BCE) is written 神雀 in 前漢紀 (荀悅) and in parts of 漢書
    # (郊祀志: 神雀 five times); the era is named for the 神雀 (sacred birds) seen in 元康四年.
    # Neither DDBC nor cejs records the spelling.
    {"id": "xihan-shenque", "regime": "西漢", "name": "神爵", "action": "set",
     "set": {"names": ["神爵", "神雀"]}},
    # 秦 始皇帝 is 始皇 in the histories' own dating (史記 秦始皇本紀: 始皇二十六年, 三十七年; 古史
    # and 通鑑 likewise); DDBC names his years only 始皇帝, cejs 秦始皇 and 王政.
    {"id": "qin-shihuang", "regime": "秦", "name": "始皇帝", "action": "also",
     "names": ["始皇"]},
    # 秦 武王 reigned 310–307 BCE (史記 秦本紀: 武王元年 after 惠文王 後元十四年, 311; 四年 he
    # died lifting a tripod). cejs gives his years once (-310~, 在位=前310年~前307年) and then
    # two month-level pieces of the 顓頊曆 (`/=|-309/2/9~|2/`, `/=|-308/1/29~|3/`) that count
    # his second year from 310 and so his 元年 from 311: the pieces are dropped and the
    # record runs to 307.
    {"id": "qin-wuwang", "cejs": True, "regime": "秦國", "name": "武王", "start": -310, "action": "set",
     "set": {"end": -307, "last_jd": None}},
    {"id": "qin-wuwang-pieces", "cejs": True, "regime": "秦國", "name": "武王", "start": -311, "action": "drop"},
    # 秦 had two rulers the 史記 calls 出子: the boy duke of 703–698 BCE (秦本紀: `出子六年`,
    # `立六年`) and the boy of 386–385 (秦本紀: `出子二年`; 秦始皇本紀's list: 出公). cejs
    # names the first 出公 and the second 出子, each with the other's birth and reign in its
    # notes: each answers to both names.
    {"id": "qin-chuzi-early", "cejs": True, "regime": "秦國", "name": "出公", "start": -703, "action": "also",
     "names": ["出子"]},
    {"id": "qin-chuzi-late", "cejs": True, "regime": "秦國", "name": "出子", "start": -386, "action": "also",
     "names": ["出公"]},
    # Reigns of the 戰國 that the 史記's 六國年表 dates otherwise than cejs, which follows the
    # revised chronology (the 竹書紀年 as 楊寬 and others reconstruct it) without a note of
    # the 史記's years: a second record by the 年表's reign starts and lengths ("shiji":
    # first and last year), marked S, and cejs's marked R (ERAS.md, "Two counts of the
    # 戰國"). 魏 (年表 and 魏世家): 文侯 38 years from 424 (cejs itself: `前424年稱侯立元年`),
    # 武侯 16 from 386, 惠王 36 from 370, 襄王 16 from 334 (the second part of 惠王's reign
    # in the 紀年, 惠王後元: the same years, a count the 史記 does not have, R), 哀王 23 from
    # 318 (the 紀年's 襄王: the same years; a 史記 name the revised tables do not have, S). 田齊 (年表 and
    # 田敬仲完世家): 桓公 6 years from 384, 威王 36 from 378, 宣王 19 from 342, 湣王 40 from
    # 323.
    {"id": "wei-wenhou", "cejs": True, "regime": "魏國", "name": "文侯", "action": "shiji", "shiji": (-424, -387)},
    {"id": "wei-wuhou", "cejs": True, "regime": "魏國", "name": "武侯", "action": "shiji", "shiji": (-386, -371)},
    {"id": "wei-huiwang", "cejs": True, "regime": "魏國", "name": "惠王", "action": "shiji", "shiji": (-370, -335)},
    {"id": "wei-xiangwang", "cejs": True, "regime": "魏國", "name": "襄王", "action": "shiji", "shiji": (-334, -319)},
    {"id": "wei-aiwang", "cejs": True, "regime": "魏國", "name": "哀王", "action": "add",
     "ruler": ["哀王", "魏哀王"],
     "era": {"names": ["哀王", "魏哀王"], "kind": "Y", "country": "China", "start": -318, "first": -318,
             "month": 0, "leap": 0, "first_jd": None, "end": -296, "last_jd": None, "chronology": "S"}},
    # 田剡 (383–375 in cejs) is the 紀年's; the 年表 has no reign of his (桓公 follows 太公):
    # a reign of the revised count only.
    {"id": "tianqi-tianyan", "cejs": True, "regime": "田齊", "name": "田剡", "action": "revised"},
    {"id": "tianqi-huangong", "cejs": True, "regime": "田齊", "name": "桓公", "action": "shiji", "shiji": (-384, -379)},
    {"id": "tianqi-weiwang", "cejs": True, "regime": "田齊", "name": "威王", "action": "shiji", "shiji": (-378, -343)},
    {"id": "tianqi-xuanwang", "cejs": True, "regime": "田齊", "name": "宣王", "action": "shiji", "shiji": (-342, -324)},
    {"id": "tianqi-minwang", "cejs": True, "regime": "田齊", "name": "愍王", "action": "shiji", "shiji": (-323, -284)},
    # The other reigns cejs bases on a revised chronology (its 據 or 注 cites 楊寬 or the
    # 紀年), by the 年表: 魏's later kings and 鄭 共公 the same years (agreed, no second
    # record); 韓 (年表 and 韓世家) 哀侯 6 years from 376 (cejs 3), 懿侯 12 from 370, 昭侯 26
    # from 358, 宣惠王 21 from 332.
    {"id": "wei-zhaowang", "cejs": True, "regime": "魏國", "name": "昭王", "action": "shiji", "shiji": (-295, -277)},
    {"id": "wei-anxiwang", "cejs": True, "regime": "魏國", "name": "安釐王", "action": "shiji", "shiji": (-276, -243)},
    {"id": "wei-jingminwang", "cejs": True, "regime": "魏國", "name": "景湣王", "action": "shiji", "shiji": (-242, -228)},
    {"id": "wei-jia", "cejs": True, "regime": "魏國", "name": "魏假", "action": "shiji", "shiji": (-227, -225)},
    {"id": "zheng-gonggong", "cejs": True, "regime": "鄭國", "name": "共公", "action": "shiji", "shiji": (-455, -424)},
    {"id": "han-aihou", "cejs": True, "regime": "韓國", "name": "哀侯", "action": "shiji", "shiji": (-376, -371)},
    {"id": "han-yihou", "cejs": True, "regime": "韓國", "name": "懿侯", "action": "shiji", "shiji": (-370, -359)},
    {"id": "han-zhaohou", "cejs": True, "regime": "韓國", "name": "昭侯", "action": "shiji", "shiji": (-358, -333)},
    {"id": "han-xuanhuiwang", "cejs": True, "regime": "韓國", "name": "宣惠王", "action": "shiji", "shiji": (-332, -312)},
    # 趙 獻侯 (423–409 BCE) is 獻侯 in the 史記 (趙世家: `獻侯少即位治中牟`, 年表) and 古史;
    # cejs names him 獻子, as 趙氏's heads before 烈侯 became a marquis.
    {"id": "zhao-xianhou", "cejs": True, "regime": "趙氏", "name": "獻子", "action": "also",
     "names": ["獻侯"]},
    # 周 貞定王 (468–441 BCE) is 定王 in the 史記 (周本紀: `子定王介立…定王十六年三晉滅智伯
    # 二十八年定王崩`); cejs names him 貞定王 only. (周 had an earlier 定王, 606–586: the
    # years around a heading tell the two apart.)
    {"id": "zhou-zhendingwang", "cejs": True, "regime": "東周", "name": "貞定王", "action": "also",
     "names": ["定王"]},
    # 南燕 慕容德's era 398-399 is 燕平 (晉書 慕容德載記: 稱燕王, 改元燕平); DDBC names the
    # record by his title, 燕王 (cejs has 燕平).
    {"id": "nanyan-yanping", "regime": "南燕", "name": "燕王", "action": "set",
     "set": {"names": ["燕平"]}},
    # 西夏 大安 began in 1074, not 1075: 續資治通鑑長編 and 宋史 夏國傳 equate 熙寧八年
    # (1075) with 大安二年, and the 拜寺溝方塔 inscription agrees. So 天賜禮盛國慶 (元年 1069,
    # 國慶五年 = 癸丑 1073 in inscriptions) ends in 1073 and 天安禮定 begins in 1085.
    {"id": "xixia-daan", "regime": "西夏", "name": "大安", "start": 1075, "action": "set",
     "set": {"start": 1074, "first": 1074, "end": 1084, "month": 0, "first_jd": None, "last_jd": None}},
    {"id": "xixia-guoqing", "regime": "西夏", "name": "天賜禮盛國慶", "action": "set",
     "set": {"end": 1073, "last_jd": None}},
    {"id": "xixia-tianan", "regime": "西夏", "name": "天安禮定", "action": "set",
     "set": {"start": 1085, "first": 1085, "month": 0, "first_jd": None}},
    # 西夏 顯道 renames 宋's 明道, proclaimed in the eleventh month of 1032 (宋史 仁宗紀:
    # 天聖十年十一月 改元明道): it cannot begin in the first month, as DDBC has it.
    {"id": "xixia-xiandao", "regime": "西夏", "name": "顯道", "action": "set",
     "set": {"month": 11, "first_jd": None}},
    # DDBC leaves a month between 西夏 天慶 and 應天 and between 皇建 and 光定 with no era.
    # 天慶 ran into 1206 (天慶十三年正月, when 安全 deposed 純祐); 光定 began in the seventh
    # month of 1211 (宋史 夏國傳: 遵頊 立, 嘉定四年七月).
    {"id": "xixia-tianqing-end", "regime": "西夏", "name": "天慶", "action": "set",
     "set": {"end": 1206, "last_jd": 2161618}},
    {"id": "xixia-guangding", "regime": "西夏", "name": "光定", "action": "set",
     "set": {"month": 7, "first_jd": None}},
    # 金 正大 ended when 開興 was proclaimed (金史 哀宗紀: 正大九年正月 改元開興; 四月 改元天興);
    # DDBC runs it on, as standard months, to 正大十年十二月 (1234), over 開興 and 天興.
    {"id": "jin-zhengda", "regime": "金", "name": "正大", "action": "set",
     "set": {"end": 1232, "last_jd": 2171068}},
    # DDBC stops 金 大定 in 大定二十九年正月 and 泰和 in 泰和八年十一月, leaving the rest of those
    # years without an era; 章宗 and 衛紹王 kept the era to the end of the year (踰年改元:
    # 明昌 and 大安 begin with the next year).
    {"id": "jin-dading-end", "regime": "金", "name": "大定", "action": "set",
     "set": {"last_jd": 2155742}},
    {"id": "jin-taihe-end", "regime": "金", "name": "泰和", "action": "set",
     "set": {"last_jd": 2162708}},
    # 晉 (李克用, then 李存勗) counted 唐's 天祐 on after 907, to 天祐二十年 (923), when 莊宗
    # proclaimed 同光 (舊五代史 莊宗紀). DDBC has this only as proleptic months of 907-908.
    {"id": "jin-tianyou", "regime": "後唐", "name": "天祐", "action": "add",
     "ruler": ["太祖", "晉王", "李克用"],
     "era": {"names": ["天祐", "天佑"], "kind": "E", "country": "China", "start": 904, "first": 907,
             "month": 4, "leap": 0, "first_jd": None, "end": 923, "last_jd": 2058315}},
]
