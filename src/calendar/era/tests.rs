//! Tests of the era table: spot values across the dynasties, every era against its
//! successor, the corrections of the sources, and properties.
use super::super::variants::fold_key;
use super::*;

fn t() -> &'static EraTable {
    EraTable::embedded()
}

fn y(n: i32) -> CeYear {
    CeYear::new(n).unwrap()
}

/// The records named `name` of the regime whose table name is `regime`, by first year.
fn records(regime: &str, name: &str) -> Vec<&'static Era> {
    let t = t();
    let mut v: Vec<&Era> = t
        .lookup(name)
        .iter()
        .map(|&id| t.get(id))
        .filter(|e| t.regime(e.regime()).name() == regime)
        .collect();
    v.sort_by_key(|e| e.first_year());
    v
}

/// The era named `name` proclaimed in a regime named `regime` (its table name or an
/// alias): not a continuation of another's, not a count resumed late.
fn era(regime: &str, name: &str) -> &'static Era {
    let t = t();
    let hits: Vec<_> = t
        .lookup(name)
        .iter()
        .map(|&id| t.get(id))
        .filter(|e| t.regime(e.regime()).names().any(|n| n == regime))
        .filter(|e| e.continues().is_none() && e.first_year() == e.start())
        .collect();
    assert_eq!(hits.len(), 1, "{regime} {name}: {hits:?}");
    hits[0]
}

fn start(regime: &str, name: &str) -> i32 {
    era(regime, name).start().get()
}

#[test]
fn table_parses() {
    let t = t();
    assert!(t.eras().len() > 1900, "{}", t.eras().len());
    assert!(t.regimes().len() > 200);
    assert!(t.rulers().len() > 1000);
    // Every key is the folded form of a name of each era it lists, and every name is
    // found.
    for (i, e) in t.eras().iter().enumerate() {
        for n in e.names() {
            assert!(t.lookup(n).contains(&EraId(i as u16)), "{n}");
        }
    }
    for (k, _, _) in t.era_index.keys.iter() {
        assert_eq!(fold_key(k), *k, "{k} is not folded as the generator folds");
    }
}

#[test]
fn spot_years_across_dynasties() {
    for (regime, name, want) in [
        ("西漢", "建元", -140),
        ("西漢", "太初", -104),
        ("東漢", "建安", 196),
        ("孫吳", "赤烏", 238),
        ("北魏", "太和", 477),
        ("唐", "貞觀", 627),
        ("唐", "開元", 713),
        ("北宋", "景德", 1004),
        ("遼", "天慶", 1111),
        ("明", "正德", 1506),
        ("清", "宣統", 1909),
        ("遼", "乾統", 1101),
        ("西夏", "天慶", 1194),
        ("後晉", "開運", 944),
        ("北漢", "天會", 957),
        ("金", "天會", 1123),
        ("明", "洪武", 1368),
        ("南明", "永曆", 1647),
        ("蒙古", "中統", 1260),
        ("蒙古", "至元", 1264),
        ("東周", "威烈王", -425),
        ("東周", "安王", -401),
        ("西周", "共和", -841),
        ("西漢", "高祖", -206),
        ("西漢", "文帝後元", -163),
        ("西漢", "景帝中元", -149),
        ("西漢", "景帝後元", -143),
        ("蒙古", "成吉思汗", 1206),
        // 新, 三國, 晉, 十六國
        ("新", "始建國", 9),
        ("新", "天鳳", 14),
        ("蜀漢", "章武", 221),
        ("曹魏", "黃初", 220),
        ("西晉", "泰始", 265),
        ("東晉", "永和", 345),
        ("前秦", "建元", 365),
        ("後趙", "建武", 335),
        ("北涼", "玄始", 412),
        ("成漢", "玉衡", 311),
        // 南北朝, 隋, 唐, 武周
        ("劉宋", "元嘉", 424),
        ("南梁", "天監", 502),
        ("陳", "太建", 569),
        ("北齊", "天保", 550),
        ("北周", "保定", 561),
        ("東魏", "天平", 534),
        ("西魏", "大統", 535),
        ("隋", "開皇", 581),
        ("武周", "天授", 690),
        // 五代十國
        ("後梁", "開平", 907),
        ("後梁", "鳳曆", 913),
        ("後唐", "同光", 923),
        ("後周", "顯德", 954),
        ("南唐", "昇元", 937),
        ("前蜀", "武成", 908),
        ("吳越", "寶正", 926),
        ("南漢", "乾亨", 917),
        ("閩", "龍啟", 933),
        // 遼, 宋, 西夏, 金, 西遼, 元, 明, 南明, 清
        ("遼", "神冊", 916),
        ("遼", "重熙", 1032),
        ("北宋", "太平興國", 976),
        ("南宋", "紹興", 1131),
        ("金", "收國", 1115),
        ("西遼", "延慶", 1124),
        ("西遼", "紹興", 1151),
        ("元", "至正", 1341),
        ("明", "萬曆", 1573),
        ("南明", "弘光", 1645),
        ("南明", "隆武", 1645),
        ("清", "康熙", 1662),
        // rebels and minor regimes (cejs)
        ("大順", "永昌", 1644),
        ("太平天囯", "太平天囯", 1851),
        ("興遼", "天慶", 1029),
        ("西漢", "建始", -32),
        ("南燕", "燕平", 398),
    ] {
        assert_eq!(start(regime, name), want, "{regime} {name}");
    }
    // (後)至元 of 元 順帝.
    let t = t();
    assert!(
        t.lookup("至元")
            .iter()
            .any(|&id| t.get(id).start() == y(1335) && t.regime(t.get(id).regime()).name() == "元")
    );
    assert_eq!(era("東周", "威烈王").year(23), Some(y(-403)));
    assert_eq!(era("蒙古", "成吉思汗").year(1), Some(y(1206)));
    // 秦始皇 counts from 246 BCE: 秦國's 王政 and 秦's 始皇帝, which continues it.
    let qin: Vec<_> = t.lookup("秦始皇").iter().map(|&id| t.get(id)).collect();
    assert!(qin.len() >= 2);
    assert!(qin.iter().all(|e| e.start() == y(-246)), "{qin:?}");
    assert_eq!(
        qin.iter()
            .find(|e| t.regime(e.regime()).name() == "秦")
            .and_then(|e| e.year(26)),
        Some(y(-221))
    );
}

#[test]
fn other_countries() {
    let t = t();
    let find = |name: &str, country: Country| -> Vec<&Era> {
        t.lookup(name)
            .iter()
            .map(|&id| t.get(id))
            .filter(|e| e.country() == country)
            .collect()
    };
    assert_eq!(find("大化", Country::Japan)[0].start(), y(645));
    assert_eq!(find("明治", Country::Japan)[0].start(), y(1868));
    assert_eq!(find("光德", Country::Korea)[0].start(), y(950));
    assert_eq!(find("光順", Country::Vietnam)[0].start(), y(1460));
    assert_eq!(find("嘉隆", Country::Vietnam)[0].start(), y(1802));
    assert_eq!(find("尚泰", Country::Ryukyu)[0].start(), y(1848));
    // Japan's 天慶 is not 遼's; a segmenter of Chinese books keeps only China's.
    let tianqing: Vec<_> = t.lookup("天慶").iter().map(|&id| t.get(id)).collect();
    assert!(tianqing.iter().any(|e| e.country() == Country::Japan));
    assert_eq!(
        tianqing
            .iter()
            .filter(|e| e.country() == Country::China)
            .count(),
        3,
        "遼, 西夏, 興遼"
    );
    // Chinese eras are listed first.
    let first_foreign = tianqing
        .iter()
        .position(|e| e.country() != Country::China)
        .unwrap();
    assert!(
        tianqing[first_foreign..]
            .iter()
            .all(|e| e.country() != Country::China)
    );
}

#[test]
fn continued_eras() {
    let t = t();
    let of = |regime: &str, name: &str| -> &Era {
        let ids = t.lookup(name);
        let id = ids
            .iter()
            .find(|&&id| t.regime(t.get(id).regime()).name() == regime)
            .unwrap_or_else(|| panic!("{regime} {name}"));
        t.get(*id)
    };
    // 北漢 counted 後漢's 乾祐 to 乾祐九年 = 956.
    let beihan = of("北漢", "乾祐");
    assert_eq!(beihan.start(), y(948));
    assert_eq!(beihan.first_year(), y(951));
    assert_eq!(beihan.end(), y(956));
    assert_eq!(beihan.year(9), Some(y(956)));
    let original = t.get(beihan.continues().unwrap());
    assert_eq!(t.regime(original.regime()).name(), "後漢");
    // 後漢 counted 後晉's 天福 to 天福十二年 = 947.
    let houhan = of("後漢", "天福");
    assert_eq!(houhan.year(12), Some(y(947)));
    assert_eq!(
        t.regime(t.get(houhan.continues().unwrap()).regime()).name(),
        "後晉"
    );
    // 晉 (filed under 後唐), 岐 and 吳 counted 唐's 天祐 on.
    for (regime, last) in [("後唐", 923), ("岐", 925), ("南吳", 919)] {
        let e = of(regime, "天祐");
        assert_eq!(e.start(), y(904), "{regime}");
        assert_eq!(e.end(), y(last), "{regime}");
        assert_eq!(e.year(20), if last >= 923 { Some(y(923)) } else { None });
    }
    // 元 counted on in 蒙古's 至元.
    let yuan = of("元", "至元");
    assert_eq!((yuan.start(), yuan.first_year()), (y(1264), y(1271)));
    assert!(yuan.continues().is_some());
    // A count carried on past the real end: 後晉 開運四年 = 947.
    let kaiyun = era("後晉", "開運");
    assert_eq!(kaiyun.end(), y(946));
    assert_eq!(kaiyun.counted_to(), Some(y(947)));
    assert_eq!(kaiyun.year(4), Some(y(947)));
    assert_eq!(kaiyun.year(5), None);
}

#[test]
fn mid_year_changes_to_the_day() {
    // 乾統 began in the second month of 1101, the day after 壽昌 ended.
    let qiantong = era("遼", "乾統");
    assert_eq!((qiantong.start_month(), qiantong.start_leap()), (2, false));
    let shouchang = era("遼", "壽昌");
    assert_eq!(shouchang.end(), y(1101));
    assert_eq!(
        shouchang.end_day().map(|d| d + 1),
        qiantong.start_day(),
        "壽昌 ends the day before 乾統"
    );
    // 建武 of 光武帝 began on 建武元年六月己未 (5 August 25 CE, JDN 1730406).
    assert_eq!(era("東漢", "建武").start_day(), Some(1_730_406));
    assert!(era("唐", "天祐").start_leap(), "閏四月 of 904");
}

#[test]
fn successors_meet_within_a_regime() {
    // Within each Chinese regime, the next era begins in the year the previous one ends
    // or the year after. The exceptions are rival claimants and interregnums, listed.
    let t = t();
    let allowed: &[(&str, &str)] = &[
        ("晉國", "桓叔"),
        ("晉國", "孝侯"),
        ("晉國", "莊伯"),
        ("晉國", "鄂侯"),
        ("晉國", "武公"),
        ("晉國", "小子"),
        ("晉國", "獻公"),
        ("東周", "攜王"),
        ("東周", "桓王"),
        ("西漢", "太初元將"),
        ("西漢", "元壽"),
        ("西漢", "更始"),
        ("成家", "漢復"),
        ("前涼", "永安"),
        ("前涼", "太始"),
        ("前涼", "鳳凰"),
        ("東晉", "大亨"),
        ("東晉", "義熙"),
        ("後燕", "建始"),
        ("西秦", "更始"),
        ("北魏", "中興"),
        ("北涼", "承平"),
        ("南涼", "嘉平"),
        ("高昌", "承平"),
        ("南梁", "承聖"),
        ("稽胡", "石平"),
        ("唐", "神龍"),
        ("後梁", "鳳曆"),
        ("後梁", "貞明"),
        ("閩", "天德"),
        // 南楚 counted in the eras of the 五代; cejs lists some of them only as the
        // central eras, which the table does not repeat for 南楚.
        ("南楚", "天福"),
        ("南楚", "保大"),
        // 乾明 (cejs, after one Qing author) beside 西魏 廢帝's years; 魯王's 監國
        // beside 隆武, 紹武 and 永曆.
        ("西魏", "廢帝"),
        ("南明", "紹武"),
    ];
    let mut bad = Vec::new();
    for (r, regime) in t.regimes().iter().enumerate() {
        if regime.country() != Country::China {
            continue;
        }
        // (Each count of the disputed reigns meets its own: 衛's 史記 年表 reigns in turn.)
        for &id in t.eras_of(RegimeId(r as u16)) {
            let Some(next) = t.successor(id) else {
                continue;
            };
            let (a, b) = (t.get(id), t.get(next));
            let gap = b.first_year().since(a.end());
            if !(0..=1).contains(&gap) && !allowed.contains(&(regime.name(), b.name())) {
                bad.push(format!(
                    "{} {} → {} ({gap})",
                    regime.name(),
                    a.name(),
                    b.name()
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn regimes_and_rulers_by_name() {
    let t = t();
    let regimes = |n: &str| -> Vec<&str> {
        t.regimes_named(n)
            .iter()
            .map(|&r| t.regime(r).name())
            .collect()
    };
    let song = regimes("宋");
    for r in ["北宋", "南宋", "劉宋"] {
        assert!(song.contains(&r), "{song:?}");
    }
    assert_eq!(regimes("契丹"), ["遼"]);
    assert_eq!(regimes("辽")[0], "遼");
    let rulers = |n: &str| -> Vec<(&str, &str)> {
        t.rulers_named(n)
            .iter()
            .map(|&u| (t.regime(t.ruler(u).regime()).name(), t.ruler(u).name()))
            .collect()
    };
    assert!(rulers("威烈王").contains(&("東周", "威烈王")));
    assert!(rulers("安王").contains(&("東周", "安王")));
    assert!(rulers("孝文皇帝").contains(&("西漢", "文帝")));
    assert!(rulers("高祖").contains(&("西漢", "高祖")));
    assert!(rulers("太祖").contains(&("遼", "太祖")));
    assert!(rulers("成吉思汗").contains(&("蒙古", "太祖")));
    // The eras of a regime, in order, and stepping through them.
    let liao = t.regimes_named("遼")[0];
    let eras = t.eras_of(liao);
    assert_eq!(
        t.get(eras[0]).name(),
        "太祖",
        "太祖's years before 神冊 (907-915)"
    );
    assert_eq!(t.get(eras[0]).kind(), EraKind::RulerYears);
    assert_eq!(t.get(eras[1]).name(), "神冊");
    assert_eq!(t.get(*eras.last().unwrap()).name(), "保大");
    let qiantong = t.lookup("乾統")[0];
    assert_eq!(t.get(t.successor(qiantong).unwrap()).name(), "天慶");
    assert_eq!(t.get(t.predecessor(qiantong).unwrap()).name(), "壽昌");
    assert_eq!(t.predecessor(eras[0]), None);
    assert_eq!(t.successor(*eras.last().unwrap()), None);
    // Eras in force in a year.
    let in_1101: Vec<_> = t.in_force(y(1101)).map(|id| t.get(id).name()).collect();
    for n in ["壽昌", "乾統", "建中靖國", "貞觀"] {
        assert!(in_1101.contains(&n), "{n}: {in_1101:?}");
    }
    assert!(!in_1101.contains(&"天慶"));
}

#[test]
fn spellings() {
    let t = t();
    let starts = |n: &str| -> Vec<i32> {
        t.lookup(n)
            .iter()
            .filter(|&&id| t.get(id).country() == Country::China)
            .map(|&id| t.get(id).start().get())
            .collect()
    };
    // The spellings the earlier hand-typed table supported.
    for (spelling, want) in [
        ("壽隆", 1095),
        ("寿隆", 1095),
        ("太康", 1075),
        ("重凞", 1032),
        ("重煕", 1032),
        ("重熈", 1032),
        ("祥符", 1008),
        ("興國", 976),
        ("兴国", 976),
        ("鹹雍", 1065),
        ("干统", 1101),
        ("干統", 1101),
        ("乾统", 1101),
        ("景佑", 1034),
        ("干祐", 948),
        ("乾佑", 948),
        ("天佑", 904),
        ("光启", 885),
        ("光啓", 885),
        ("乾甯", 894),
        ("乾寜", 894),
        ("延嗣寜國", 1049),
        ("延嗣寧國", 1049),
        ("保甯", 969),
        ("應歷", 951),
        ("应历", 951),
        ("鳳歷", 913),
        ("天复", 901),
        ("天複", 901),
        ("神册", 916),
        ("天庆", 1111),
    ] {
        assert!(
            starts(spelling).contains(&want),
            "{spelling}: {:?}",
            starts(spelling)
        );
    }
    // Taboo respellings (陳垣《史諱舉例》).
    for (spelling, want) in [
        ("宏治", 1488),
        ("宏光", 1645),
        ("元始", 412),
        ("正觀", 627),
        ("明慶", 656),
        ("崇安", 397),
        ("萬歷", 1573),
        ("道光", 1821),
        ("湻熙", 1174),
    ] {
        assert!(
            starts(spelling).contains(&want),
            "{spelling}: {:?}",
            starts(spelling)
        );
    }
    // Variant characters anywhere in a name (異體字 from Unihan, EACC, KANJIDIC2).
    for (spelling, want) in [
        ("康熈", 1662),
        ("宣徳", 1426),
        ("開寳", 968),
        ("萬厯", 1573),
        ("重灮", 620),
        ("太𥘉", -104),
        ("咸甯", 275),
    ] {
        assert!(
            starts(spelling).contains(&want),
            "{spelling}: {:?}",
            starts(spelling)
        );
    }
    assert!(t.lookup("天天").is_empty());
    assert!(t.lookup("").is_empty());
}

#[test]
fn longest_prefix_prefers_long_names() {
    let t = t();
    let (len, ids) = t
        .longest_prefix("太平興國二年", |rest| rest.starts_with('二'))
        .unwrap();
    assert_eq!(len, "太平興國".len());
    assert!(ids.iter().any(|&id| t.get(id).start() == y(976)));
    let (len, _) = t
        .longest_prefix("太平二年", |rest| rest.starts_with('二'))
        .unwrap();
    assert_eq!(len, "太平".len());
    assert_eq!(
        t.longest_prefix("太平興國", |rest| rest.starts_with('二')),
        None
    );
    assert_eq!(t.longest_prefix("而已", |_| true), None);
    assert_eq!(t.longest_prefix("", |_| true), None);
}

/// The expectations of the tests of the table this one replaces (src/model/era.rs).
#[test]
fn old_table_expectations_hold() {
    let t = t();
    let year = |name: &str, ordinal: u32| -> Vec<i32> {
        t.lookup(name)
            .iter()
            .filter_map(|&id| t.get(id).year(ordinal))
            .map(CeYear::get)
            .collect()
    };
    for (name, ordinal, want) in [
        ("乾統", 1, 1101),
        ("天慶", 8, 1118),
        ("崇寧", 5, 1106),
        ("壽隆", 7, 1101),
        ("收國", 1, 1115),
        ("神冊", 1, 916),
        ("靖康", 1, 1126),
        ("天興", 1, 1232),
        ("乾统", 1, 1101),
        ("干统", 1, 1101),
        ("干統", 1, 1101),
        ("天庆", 5, 1115),
        ("寿昌", 1, 1095),
        ("神册", 1, 916),
    ] {
        assert!(
            year(name, ordinal).contains(&want),
            "{name}{ordinal}: {:?}",
            year(name, ordinal)
        );
    }
    for d in ["遼", "北宋", "金", "南宋", "西夏"] {
        assert!(!t.regimes_named(d).is_empty(), "{d}");
    }
    for e in t.eras() {
        assert!(e.start() <= e.end(), "{}", e.name());
        assert!(e.first_year() <= e.end(), "{}", e.name());
    }
    let tianqing = t.lookup("天慶");
    assert!(tianqing.len() >= 2, "遼 and 西夏 both used 天慶");
}

/// The corrections of assets/calendar/ERAS.md, one test each.
#[test]
fn source_corrections() {
    // xixia-daan, xixia-guoqing, xixia-tianan: 熙寧八年 (1075) is 大安二年.
    let daan = era("西夏", "大安");
    assert_eq!((daan.start(), daan.end()), (y(1074), y(1084)));
    assert_eq!(daan.year(2), Some(y(1075)));
    assert_eq!(daan.source(), Source::Fixed);
    assert_eq!(era("西夏", "天賜禮盛國慶").end(), y(1073));
    assert_eq!(
        era("西夏", "天賜禮盛國慶").year(5),
        Some(y(1073)),
        "國慶五年 癸丑"
    );
    assert_eq!(era("西夏", "天安禮定").start(), y(1085));
    // xixia-xiandao: 顯道 renames 明道, proclaimed in the eleventh month of 1032.
    assert_eq!(era("西夏", "顯道").start_month(), 11);
    // xixia-tianqing-end, xixia-guangding: no month without an era.
    let tianqing = era("西夏", "天慶");
    assert_eq!(tianqing.end(), y(1206));
    assert_eq!(
        tianqing.end_day().map(|d| d + 1),
        era("西夏", "應天").start_day()
    );
    assert_eq!(era("西夏", "光定").start_month(), 7);
    // jin-zhengda: 正大 ends when 開興 begins.
    let zhengda = era("金", "正大");
    assert_eq!(zhengda.end(), y(1232));
    assert_eq!(
        zhengda.end_day().map(|d| d + 1),
        era("金", "開興").start_day()
    );
    // jin-dading-end, jin-taihe-end: the era runs to the next one.
    assert_eq!(
        era("金", "大定").end_day().map(|d| d + 1),
        era("金", "明昌").start_day()
    );
    assert_eq!(
        era("金", "泰和").end_day().map(|d| d + 1),
        era("金", "大安").start_day()
    );
    // jin-tianyou: 晉 counted 天祐 to 二十年.
    let t = t();
    let jin = t
        .lookup("天祐")
        .iter()
        .map(|&id| t.get(id))
        .find(|e| t.regime(e.regime()).name() == "後唐")
        .unwrap();
    assert_eq!((jin.year(20), jin.source()), (Some(y(923)), Source::Fixed));
    // xihan-jianshi, nanyan-yanping: DDBC's 始建 and 燕王 are 建始 and 燕平.
    assert_eq!(start("西漢", "建始"), -32);
    assert!(t.lookup("始建").is_empty());
    assert_eq!(start("南燕", "燕平"), 398);
    // xihan-shenque: 前漢紀 writes 神爵 as 神雀.
    assert_eq!(start("西漢", "神雀"), -61);
    assert_eq!(start("西漢", "神爵"), -61);
    // qin-shihuang: 史記 writes 始皇帝's years 始皇二十六年.
    // (The record begins in 221 BCE, his twenty-sixth year: 秦國's 王政 holds the years before.)
    let shihuang: Vec<_> = t.lookup("始皇").iter().map(|&id| t.get(id)).collect();
    assert!(
        shihuang.iter().any(|e| e.names().any(|n| n == "始皇帝")
            && e.year(26) == Some(y(-221))
            && e.year(37) == Some(y(-210))),
        "{shihuang:?}"
    );
    // cejs dates 鳳曆 from 911, counting on from 乾化; 鳳曆元年 is 913 (DDBC kept).
    assert_eq!(start("後梁", "鳳曆"), 913);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn year_lies_within_the_era(i in 0usize..2000, n in 1u32..400) {
            let t = t();
            let e = &t.eras()[i % t.eras().len()];
            if n <= e.len() {
                let year = e.year(n).unwrap();
                prop_assert!(e.start() <= year && year <= e.end(), "{} {n}", e.name());
                prop_assert_eq!(year.since(e.start()), n as i32 - 1);
            } else if e.counted_to().is_none() {
                prop_assert_eq!(e.year(n), None);
            }
            prop_assert_eq!(e.year(0), None);
        }
    }
}

/// The trees `build.rs` built for the embedded table are the ones its keys give when the
/// table is read at run time.
#[test]
fn built_tries_are_the_tables() {
    let embedded = EraTable::embedded();
    assert!(embedded.embedded);
    let copy: &'static str = Box::leak(TABLE.to_owned().into_boxed_str());
    let parsed = EraTable::parse(copy).unwrap();
    assert!(!parsed.embedded);
    assert!(parsed.era_index.trie == embedded.era_index.trie);
    assert!(parsed.ruler_index().trie == embedded.ruler_index().trie);
    assert!(parsed.regime_index().trie == embedded.regime_index().trie);
    assert!(embedded.era_index.trie.edges.len() > 1000);
}

/// The regimes, rulers, eras and name indexes `build.rs` made of the embedded table are
/// the ones read from it at run time.
#[test]
fn built_table_is_the_table() {
    let embedded = EraTable::embedded();
    let copy: &'static str = Box::leak(TABLE.to_owned().into_boxed_str());
    let parsed = EraTable::parse(copy).unwrap();
    assert!(parsed.regimes() == embedded.regimes());
    assert!(parsed.rulers() == embedded.rulers());
    assert!(parsed.eras() == embedded.eras());
    assert!(parsed.ids() == embedded.ids());
    assert_eq!(parsed.max_name_chars(), embedded.max_name_chars());
    assert!(parsed.era_index.keys == embedded.era_index.keys);
    assert!(parsed.era_index.ids == embedded.era_index.ids);
    assert!(parsed.ruler_index().keys == embedded.ruler_index().keys);
    assert!(parsed.ruler_index().ids == embedded.ruler_index().ids);
    assert!(parsed.regime_index().keys == embedded.regime_index().keys);
    assert!(parsed.regime_index().ids == embedded.regime_index().ids);
    assert!(embedded.eras().len() > 1900 && embedded.rulers().len() > 1000);
}

/// A ruler's names from cejs are his own regime's, not those of another regime that dated by
/// his era (閩 took over 後唐's 天成 in the same year); a temple name given with its dynasty
/// (隋高祖) is also the name alone.
#[test]
fn rulers_keep_their_own_names() {
    let t = EraTable::embedded();
    let regimes_of = |name: &str| -> Vec<&str> {
        t.rulers_named(name)
            .iter()
            .map(|&r| t.regime(t.ruler(r).regime()).names().next().unwrap())
            .collect()
    };
    let mingzong = regimes_of("明宗");
    assert!(mingzong.contains(&"後唐"), "{mingzong:?}");
    assert!(!mingzong.contains(&"閩"), "{mingzong:?}");
    assert!(regimes_of("李嗣源") == ["後唐"]);
    let taizu = regimes_of("太祖");
    for not in ["西晉", "唐"] {
        assert!(!taizu.contains(&not), "{not} in {taizu:?}");
    }
    assert!(regimes_of("高祖").contains(&"隋"));
}

#[test]
fn eras_carried_on_name_the_ruler_of_each_year() {
    let t = t();
    let ruler =
        |regime: &str, name: &str, year: i32| t.ruler(era(regime, name).ruler_in(y(year))).name();
    // 太宗 died in 貞觀二十三年's fifth month; 高宗 kept the era to its end.
    assert_eq!(ruler("唐", "貞觀", 627), "太宗");
    assert_eq!(ruler("唐", "貞觀", 648), "太宗");
    assert_eq!(ruler("唐", "貞觀", 649), "高宗");
    // 金 太宗 died in 天會十三年's first month; 熙宗 counted 天會 on to 十五年.
    assert_eq!(ruler("金", "天會", 1134), "太宗");
    assert_eq!(ruler("金", "天會", 1135), "熙宗");
    assert_eq!(ruler("金", "天會", 1137), "熙宗");
    // An era of one ruler: his in every year.
    assert_eq!(
        ruler("遼", "乾統", 1110),
        t.ruler(era("遼", "乾統").ruler()).name()
    );
}

#[test]
fn eras_replaced_in_their_last_years_first_month() {
    let t = EraTable::embedded();
    let of = |regime: &str, era: &str| {
        let r = t.regimes_named(regime)[0];
        *t.lookup(era)
            .iter()
            .find(|&&id| t.get(id).regime() == r)
            .unwrap_or_else(|| panic!("{regime} {era}"))
    };
    let next = |regime: &str, era: &str| {
        t.ended_in_first_month(of(regime, era))
            .map(|id| t.get(id).name())
    };
    // 天平五年 was 正月一日 to 六日 (DDBC), then 元象元年; 景德五年 four days.
    assert_eq!(next("東魏", "天平"), Some("元象"));
    assert_eq!(t.get(of("東魏", "天平")).end().get(), 538);
    assert_eq!(next("北宋", "景德"), Some("大中祥符"));
    assert_eq!(next("唐", "麟德"), Some("乾封"));
    // A ruler who died in 正月 with his era counted on by his heir: 治平 to 1067, 大定 to
    // 1189; an era changed later in the year; the regime's last era.
    assert_eq!(next("北宋", "治平"), None);
    assert_eq!(next("金", "大定"), None);
    assert_eq!(next("北宋", "熙寧"), None);
    assert_eq!(next("後周", "顯德"), None);
}

#[test]
fn a_name_written_with_a_gap() {
    let t = t();
    let names = |s: &str| -> Vec<&str> {
        t.lookup_with_gaps(s)
            .iter()
            .map(|&id| t.get(id).name())
            .collect()
    };
    // 三國史記 (daizhige) writes U+3000 for the 尒 of 古尒王 and the 腆 of 腆支王.
    assert_eq!(names("古\u{3000}王"), ["古尒王"]);
    assert_eq!(names("\u{3000}支王"), ["腆支王"]);
    assert_eq!(names("久□辛王"), ["久尒辛王"]);
    // No gap, or one known character only: nothing.
    assert!(names("古尒王").is_empty());
    assert!(names("\u{3000}王").is_empty());
}

/// Rulers' years DDBC does not count come from cejs: 石勒's years as 趙王 (319–328) under
/// 後趙, before its first era 太和; a rebel inside a dynasty's years is a regime of his own.
#[test]
fn rulers_years_before_a_regimes_first_era() {
    let t = t();
    let zhao: Vec<_> = t
        .lookup("趙王")
        .iter()
        .map(|&id| t.get(id))
        .filter(|e| e.kind() == EraKind::RulerYears && e.start() == CeYear::new(319).unwrap())
        .collect();
    assert_eq!(zhao.len(), 1);
    let e = zhao[0];
    assert_eq!(t.regime(e.regime()).name(), "後趙");
    assert_eq!(e.year(9).map(CeYear::get), Some(327));
    assert!(t.ruler(e.ruler()).names().any(|n| n == "石勒"));
    let lu: Vec<_> = t.lookup("盧芳").iter().map(|&id| t.get(id)).collect();
    assert!(
        lu.iter().all(|e| t.regime(e.regime()).name() == "盧芳"),
        "a regime of his own"
    );
}

/// The 秦 records of ERAS.md (qin-wuwang, qin-chuzi) and the 史記's spellings of the states
/// and of rulers' posthumous names.
#[test]
fn qin_rulers_and_shiji_spellings() {
    let t = t();
    let of_qin = |name: &str| -> Vec<(i32, i32)> {
        records("秦國", name)
            .iter()
            .map(|e| (e.start().get(), e.end().get()))
            .collect()
    };
    // qin-wuwang: one record, 310–307 (cejs's pieces had counted him from 311).
    assert_eq!(of_qin("武王"), [(-310, -307)]);
    // qin-chuzi: the boy dukes of 703 and 386 are both 出子 in 秦本紀.
    assert_eq!(of_qin("出子"), [(-703, -698), (-386, -385)]);
    // 繆 for 穆: 秦繆公 is 秦穆公 (659 BCE); 釐 and 僖 likewise.
    assert_eq!(of_qin("繆公"), [(-659, -621)]);
    assert_eq!(t.lookup("秦繆公"), t.lookup("秦穆公"));
    assert_eq!(t.lookup("魯僖公"), t.lookup("魯釐公"));
    // Not for later rulers: 唐 穆宗 is no 繆宗.
    assert!(t.lookup("繆宗").is_empty());
    // zhou-zhendingwang: 周本紀's 定王 of 468 is 貞定王; the 定王 of 606 keeps the name.
    let mut ding: Vec<i32> = t
        .lookup("定王")
        .iter()
        .map(|&id| t.get(id))
        .filter(|e| t.regime(e.regime()).name() == "東周")
        .map(|e| e.start().get())
        .collect();
    ding.sort_unstable();
    assert_eq!(ding, [-606, -468]);
    // The states answer to their bare names (鄭世家, 晉世家).
    let zheng = t.regimes_named("鄭");
    assert!(
        zheng.iter().any(|&r| t.regime(r).name() == "鄭國"),
        "{zheng:?}"
    );
    // (衛 too, whose last lord outlived 秦's unification: 衛康叔世家.)
    let wei = t.regimes_named("衛");
    assert!(wei.iter().any(|&r| t.regime(r).name() == "衛國"), "{wei:?}");
}

#[test]
fn disputed_reigns_have_both_counts() {
    let t = t();
    let of = |regime: &str, name: &str| -> Vec<(i32, i32, Chronology)> {
        records(regime, name)
            .iter()
            .map(|e| (e.start().get(), e.end().get(), e.chronology()))
            .collect()
    };
    // 衛 悼公: cejs's revised 469–465 and the 史記 年表's 455–451 (cejs's note).
    assert_eq!(
        of("衛國", "悼公"),
        [
            (-469, -465, Chronology::Revised),
            (-455, -451, Chronology::Shiji)
        ]
    );
    // 惠公 restored in 688: the 史記 counts his years on from 699 (`未改元`).
    let hui: Vec<_> = t
        .lookup("衛惠公")
        .iter()
        .map(|&id| t.get(id))
        .filter(|e| e.chronology() == Chronology::Shiji)
        .map(|e| (e.start().get(), e.first_year().get(), e.end().get()))
        .collect();
    assert_eq!(hui, [(-699, -686, -669)]);
    // 嗣君: cejs's note reads 前324年 - 前383年; the reign's length is kept.
    assert_eq!(of("衛國", "嗣君")[1], (-324, -283, Chronology::Shiji));
    // Each count leads to its own next reign, and names the other.
    let daogong = |c: Chronology| {
        *t.lookup("衛悼公")
            .iter()
            .find(|&&id| t.get(id).chronology() == c)
            .unwrap()
    };
    let (r, s) = (daogong(Chronology::Revised), daogong(Chronology::Shiji));
    assert_eq!(t.other_count(r), Some(s));
    assert_eq!(t.other_count(s), Some(r));
    assert_eq!(t.get(t.successor(s).unwrap()).start().get(), -450);
    assert_eq!(t.get(t.successor(r).unwrap()).start().get(), -464);
    // Reigns cejs revises without a note of the 史記's years: the 年表's count added by
    // rules.py (wei-xiangwang: the 史記's 襄王 is the 紀年's 惠王後元; tianqi-weiwang).
    assert_eq!(
        of("魏國", "襄王"),
        [
            (-334, -319, Chronology::Shiji),
            (-318, -296, Chronology::Revised)
        ]
    );
    assert_eq!(
        of("田齊", "威王"),
        [
            (-378, -343, Chronology::Shiji),
            (-356, -320, Chronology::Revised)
        ]
    );
    // A 史記 name the revised tables lack (魏 哀王, their 襄王), and a 紀年 reign the 年表
    // lacks (田齊 田剡): one count each, in their own chains.
    assert_eq!(of("魏國", "哀王"), [(-318, -296, Chronology::Shiji)]);
    assert_eq!(of("田齊", "田剡"), [(-383, -375, Chronology::Revised)]);
    let weiwang = |c: Chronology| {
        *t.lookup("威王")
            .iter()
            .find(|&&id| {
                t.get(id).chronology() == c && t.regime(t.get(id).regime()).name() == "田齊"
            })
            .unwrap()
    };
    let before = |id| t.get(t.predecessor(id).unwrap()).name();
    assert_eq!(before(weiwang(Chronology::Shiji)), "桓公");
    assert_eq!(before(weiwang(Chronology::Revised)), "桓公");
    // Where the 年表 agrees with a record cejs bases on a revision: one count (魏 昭王).
    assert_eq!(of("魏國", "昭王"), [(-295, -277, Chronology::Agreed)]);
    // The agreed reigns are not: 秦 and 周's kings.
    assert!(
        t.lookup("威烈王")
            .iter()
            .all(|&id| t.get(id).chronology() == Chronology::Agreed)
    );
    assert!(t.other_count(t.lookup("威烈王")[0]).is_none());
}

#[test]
fn zhao_clan_answers_to_zhao() {
    let t = t();
    // 趙世家 tells 趙氏's heads (獻侯, the 史記's name for cejs's 獻子) before 趙國's 烈侯.
    let named: Vec<&str> = t
        .regimes_named("趙")
        .iter()
        .map(|&r| t.regime(r).name())
        .collect();
    assert!(
        named.contains(&"趙氏") && named.contains(&"趙國"),
        "{named:?}"
    );
    let xian: Vec<i32> = records("趙氏", "獻侯")
        .iter()
        .map(|e| e.start().get())
        .collect();
    assert_eq!(xian, [-423]);
}
