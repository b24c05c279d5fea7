package privacy

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// TestScrubMasks: every line holds personal data that must not survive.
func TestScrubMasks(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"联系13800138000未接", "联系138****8000未接"},
		{"户主电话 138 0013\n8333", "户主电话 138 ****\n8333"}, // Alt+Enter in the cell
		{"电话一三八两零零一三二四六", "电话一三八****三二四六"},             // 两 is 2
		{"座机021-59720000", "座机021-****0000"},
		{"户主电话138-0013-8111", "户主电话138-****-8111"},
		{"户主电话138 0013 8222", "户主电话138 **** 8222"},
		{"电话(021)5972 3333", "电话(021)**** 3333"},
		{"用户电话138-0013-8555拒接", "用户电话138-****-8555拒接"},
		{"手机一三八零零一三二四六八", "手机一三八****二四六八"},
		{"手机幺三八零零幺三八零零零", "手机幺三八****八零零零"},
		{"电话一三八 零零一三 二四六八", "电话一三八 **** 二四六八"},
		{"电话１３８００１３８０００", "电话１３８****８０００"},
		{"电话１３８－００１３－８０００", "电话１３８－****－８０００"},
		{"手机138·0013·8000", "手机138·****·8000"},
		{"手机138.0013.8000", "手机138.****.8000"},
		{"手机 138 - 0013 - 8000", "手机 138 - **** - 8000"},
		{"+86 138 0013 8000", "+86 1** **** 8000"},
		{"0086-13800138000", "008*-*******8000"},
		{"固话0512-65432100", "固话051*-****2100"},
		{"电话021 5972 0000转801", "电话021 **** 0000转801"},
		{"电话021-59720000-801", "电话021-*******0-801"},
		{"（０２１）５９７２００００", "（０２１）****００００"},
		{"零二一五九七二零零零零", "零二一****零零零零"},
		{"电话59720000", "电话********"},
		{"电话5972-0000", "电话****-****"},
		{"电话597-2000", "电话***-****"},
		{"138零零13八000", "138****八000"},
		{"Tel:13800138000", "Tel:138****8000"},
		{"tel13800138000", "tel138****8000"},
		{"TEL021-59720000", "TEL021-****0000"},
		{"400-820-8820", "***-***-****"},
		{"身份证310118199001011234", "身份证******************"},
		{"身份证31011819900101123X", "身份证******************"},
		// found by the review of 2026-12-02
		{"户主王建国家中", "户主王**家中"},
		{"用户陈小明拒绝整改", "用户陈**拒绝整改"},
		{"联系人：欧阳娜娜", "联系人：欧阳**"},
		{"①③⑧⓪⓪①③⑧⓪⓪⓪", "①③⑧****⑧⓪⓪⓪"},
		{"1３8OO13８OOO", "1３8****８OOO"},
		{"门牌三十八号", "门牌***号"},
		{"联系人13800138000、13900139000", "联系人138****8000、139****9000"},
		{"2026-10-05 13800138000", "2026-10-05 138****8000"},
		{"13800138000 2026-10-05", "138****8000 2026-10-05"},
		{"电话138001380000", "电话138*****0000"},
		{"座机021-2025-2026年", "座机021-****-2026年"},
		// found by the review of 2026-12-02 (second round): any Unicode
		// digit, any punctuation between groups, IDs in groups, e-mail
		{"身份证310118 1990 0101 1234", "身份证****** **** **** ****"},
		{"身份证310118-19900101-123X", "身份证******-********-****"},
		{"电话139/1234/5683", "电话139/****/5683"},
		{"邮箱wangjianguo@163.com", "邮箱***********@163.com"},
		{"电话𝟏𝟑𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟖𝟑", "电话𝟏𝟑𝟗****𝟓𝟔𝟖𝟑"},
		{"电话١٣٩١٢٣٤٥٦٨٣", "电话١٣٩****٥٦٨٣"},
		{"电话¹³⁹¹²³⁴⁵⁶⁸³", "电话¹³⁹****⁵⁶⁸³"},
		// generalisations of them
		{"手机₁₃₉₁₂₃₄₅₆₈₃", "手机₁₃₉****₅₆₈₃"},     // subscript
		{"手机१३९१२३४५६८३", "手机१३९****५६८३"},     // Devanagari
		{"手机۱۳۹۱۲۳۴۵۶۸۳", "手机۱۳۹****۵۶۸۳"},     // Extended Arabic-Indic
		{"手机𝟙𝟛𝟡 𝟙𝟚𝟛𝟜 𝟝𝟞𝟠𝟛", "手机𝟙𝟛𝟡 **** 𝟝𝟞𝟠𝟛"}, // double-struck, spaced
		{"手机⑴⑶⑼⑴⑵⑶⑷⑸⑹⑻⑶", "手机⑴⑶⑼****⑸⑹⑻⑶"},     // parenthesised, by NFKC
		{"手机➊➌➒➊➋➌➍➎➏➑➌", "手机➊➌➒****➎➏➑➌"},     // dingbats NFKC leaves alone
		{`电话139\1234\5683`, `电话139\****\5683`},
		{"电话139|1234|5683", "电话139|****|5683"},
		{"电话139，1234，5683", "电话139，****，5683"},
		{"电话139、1234、5683", "电话139、****、5683"},
		{"电话139 / 1234 / 5683", "电话139 / **** / 5683"},
		{"电话139_1234_5683", "电话139_****_5683"},
		{"电话139:1234:5683", "电话139:****:5683"},
		{"电话139～1234～5683", "电话139～****～5683"},
		{"座机021/5972/0000", "座机021/****/0000"},
		{"身份证3101181990010112 3X", "身份证**************** **"},
		{"身份证 3 1 0 1 1 8 1 9 9 0 0 1 0 1 1 2 3 4", "身份证 * * * * * * * * * * * * * * * * * *"},
		{"身份证310118/1990/01/01/1234", "身份证******/****/**/**/****"},
		{"身份证310118-1990.01.01-123x", "身份证******-****.**.**-****"},
		{"身份证３１０１１８１９９００１０１１２３Ｘ", "身份证******************"},
		{"身份证𝟑𝟏𝟎𝟏𝟏𝟖 𝟏𝟗𝟗𝟎 𝟎𝟏𝟎𝟏 𝟏𝟐𝟑𝟒", "身份证****** **** **** ****"},
		{"老身份证310118 900101 123", "老身份证****** ****** ***"},
		{"卡号6222 0212 3456 7890", "卡号**** **** **** ****"},
		{"卡号6222-0212-3456-7890-123", "卡号****-****-****-****-***"},
		{"QQ12345678", "QQ********"},
		{"qq号12345678", "qq号********"},
		{"微信wx13912345683", "微信wx139****5683"},
		{"邮箱：wang.jian-guo@qq.com", "邮箱：*************@qq.com"},
		{"邮箱ｗａｎｇ＠１６３．ｃｏｍ", "邮箱****＠１６３．ｃｏｍ"},
		{"发至13912345683@139.com", "发至***********@139.com"},
		{"邮箱 Wang_JG+lpg@mail.sh.gov.cn 已发", "邮箱 ***********@mail.sh.gov.cn 已发"},
		// names and house numbers of the same review
		{"租客王建业拒绝整改", "租客王**拒绝整改"},
		{"户主是王建设，不在家", "户主是王**，不在家"},
		{"王建华（户主）不配合", "王**（户主）不配合"},
		{"用户名称：李大明", "用户名称：李**"},
		{"家住38號402房", "家住**號***房"},
		{"住12#楼3单元，38-2-301", "住**#楼*单元，**-*-***"},
		// generalisations of them
		{"房东为张三丰", "房东为张**"},
		{"承租人：赵六", "承租人：赵*"},
		{"联系人姓名 孙小红", "联系人姓名 孙**"},
		{"户主姓名：陈小明", "户主姓名：陈**"},
		{"业主叫刘强", "业主叫刘*"},
		{"住户系周杰", "住户系周*"},
		{"房客 王五", "房客 王*"},
		{"居住人是吴芳", "居住人是吴*"},
		{"产权人：郑明", "产权人：郑*"},
		{"家属王芳表示", "家属王*表示"},
		{"户主王建国、李明均不在", "户主王**、李*均不在"},
		{"通知李明（户主）", "通知李*（户主）"},
		{"欧阳娜娜（户主）", "欧阳**（户主）"},
		{"欧阳娜(业主)", "欧阳*(业主)"},
		{"李明(用户)称", "李*(用户)称"},
		{"张伟【租客】", "张*【租客】"},
		{"陈小明（承租人）已搬离", "陈**（承租人）已搬离"},
		{"王建华 （户主）不配合", "王** （户主）不配合"},
		{"戶主陳大文", "戶主陳**"},
		{"用戶名稱：張小明", "用戶名稱：張**"},
		{"邮箱 wangjg @ 163.com", "邮箱 ****** @ 163.com"},
		{"身份证三一零一一八一九九零零一零一一二三四", "身份证******************"},
		{"住38号楼402", "住**号楼***"},
		{"家住402号房", "家住***号房"},
		{"38#402", "**#***"},
		{"青浦路99號7樓", "青浦路**號*樓"},
		{"5棟2單元301", "*棟*單元***"},
		{"12＃楼3单元", "**＃楼*单元"},
		{"住402房", "住***房"},
		{"住12楼", "住**楼"},
		{"住12-301", "住**-***"},
		{"38-2-301室", "**-*-***室"},
		{"地址：15－3－1102", "地址：**－*－****"},
		{"家住三号楼", "家住*号楼"},
		// house numbers
		{"住青浦路99弄7号402室", "住青浦路**弄*号***室"},
		{"3栋2单元501", "*栋*单元***"},
		{"城中东路983弄38号503室", "城中东路***弄**号***室"},
		{"朱家角镇沈巷村东庄二十八号", "朱家角镇沈巷村东庄***号"},
		{"青浦路九十九弄七号四零二室", "青浦路***弄*号***室"},
		{"青浦路９９弄７号４０２室", "青浦路**弄*号***室"},
		{"住402室", "住***室"},
		{"12幢301", "**幢***"},
		{"5号楼3层", "*号楼*层"},
		{"青浦路99号", "青浦路**号"},
		{"沈巷村5组12号", "沈巷村*组**号"},
		{"青浦路99弄7-402", "青浦路**弄*-***"},
		{"三栋二单元五零一", "*栋*单元***"},
		{"住 99弄 7号 402室", "住 **弄 *号 ***室"},
		// F6 of the review of 2026-12-02 (third round)
		{"电话138 ▪ 0013 ▪ 2468", "电话138 ▪ **** ▪ 2468"},
		{"电话138●0013●2468", "电话138●****●2468"},
		{"电话138•0013•2468", "电话138•****•2468"},
		{"电话 138ｘ0013ｘ2468", "电话 138ｘ****ｘ2468"},
		{"电话138x0013x2468", "电话138x****x2468"},
		{"电话138X0013X2468", "电话138X****X2468"},
		{"电话138*0013*2468", "电话138******2468"},
		{"电话138**0013**2468", "电话138********2468"},
		{"电话138***0013***2468", "电话138**********2468"},
		{"电话138~0013~2468", "电话138~****~2468"},
		{"电话138    0013    2468", "电话138    ****    2468"},
		{"电话是幺三八洞洞幺三二四六八", "电话是幺三八****二四六八"},
		{"居民王建国", "居民王**"},
		{"经营户王建国", "经营户王**"},
		{"使用者王建国", "使用者王**"},
		{"承租方王建国", "承租方王**"},
		{"户主名王建国", "户主名王**"},
		{"户主叫做王建国", "户主叫做王**"},
		{"户主牛建国", "户主牛**"},
		{"户主谷建国", "户主谷**"},
		{"户主甘建国", "户主甘**"},
		{"户主卓建国", "户主卓**"},
		{"户主蓝建国", "户主蓝**"},
		{"户主祁建国", "户主祁**"},
		{"户主郁建国", "户主郁**"},
		{"户主瞿建国", "户主瞿**"},
		{"户主盛建国", "户主盛**"},
		{"户主季建国", "户主季**"},
		{"户主诸建国", "户主诸**"},
		{"户主奚建国", "户主奚**"},
		{"户主褚建国", "户主褚**"},
		{"户主邬建国", "户主邬**"},
		{"户主肖建国", "户主肖**"},
		{"租客岑小梅", "租客岑**"},
		{"户主王建国之子王小明", "户主王**之子王**"},
		{"户主王建国及其妻子李梅", "户主王**及其妻子李*"},
		{"户主王建国、妻子李梅", "户主王**、妻子李*"},
		{"王建国户主", "王**户主"},
		{"，王建国户主称", "，王**户主称"},
		{"微信号wxid_abcdef123", "微信号**************"},
		{"微信号：wangjg_1990", "微信号：***********"},
		{"WeChat: wangjg_1990", "WeChat: ***********"},
	} {
		if got := Scrub(c.in); got != c.want {
			t.Errorf("Scrub(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// invisibleCases are the characters shown as nothing that the review of
// 2026-12-02 (F18) named, or that belong to the same kinds: every one must
// be Invisible.
var invisibleCases = []rune{
	0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x180B, 0x180E, 0x180F,
	0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
	0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0x206A, 0x206F,
	0x3164, 0xFE00, 0xFE0E, 0xFE0F, 0xFEFF, 0xFFA0, 0xFFF9, 0xFFFB,
	0xE0001, 0xE0020, 0xE007F, 0xE0100, 0xE01EF,
}

// TestScrubInvisible (F18): a phone whose digit groups are split by a
// character shown as nothing — each of invisibleCases, and every other
// format character (category Cf) and variation selector — is masked, and
// the character is gone from the result; Invisible holds for no
// character that is shown (letters, digits, spaces, Han, punctuation).
func TestScrubInvisible(t *testing.T) {
	for _, r := range invisibleCases {
		if !Invisible(r) {
			t.Errorf("Invisible(%U) = false", r)
		}
	}
	n := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		cf := unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r)
		if Invisible(r) != (cf || strings.ContainsRune("\u034f\u115f\u1160\u3164\uffa0\u180e", r)) {
			t.Errorf("Invisible(%U) = %v", r, Invisible(r))
		}
		if !Invisible(r) {
			continue
		}
		n++
		x := string(r)
		for _, c := range []struct{ in, want string }{
			{"电话138" + x + "0013" + x + "2468", "电话138****2468"},
			{"手机1" + x + "3" + x + "8" + x + "0013" + x + "2468", "手机138****2468"},
			{"户主王" + x + "建国", "户主王**"},
			{"一般" + x, "一般"},
		} {
			if got := Scrub(c.in); got != c.want {
				t.Errorf("Scrub(%q) = %q, want %q", c.in, got, c.want)
			}
		}
	}
	if n < 400 {
		t.Errorf("only %d invisible characters", n)
	}
	for _, c := range []struct{ in, want string }{
		{"电话138\u200e0013\u200e2471；手机138\u00ad0013\u00ad2472", "电话138****2471；手机138****2472"},
		{"138\u200b0013\u200b2473；138\u20660013\u20692474", "138****2473；138****2474"},
		{"户主王建国\u200d（户主）", "户主王**（户主）"},
	} {
		if got := Scrub(c.in); got != c.want {
			t.Errorf("Scrub(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestScrubKeeps: nothing here is personal data; Scrub must not change it.
func TestScrubKeeps(t *testing.T) {
	for _, s := range []string{
		"",
		"用户外出",
		"（备注）",
		"改于10月5日、10月12日两次上门",
		"两瓶，两户\n3瓶",
		"钢瓶3只，2026-10-05复查",
		"2026年10月5日复查",
		"2026年10月5号复查",
		"10月5号上门",
		"于2026/10/05、2026.10.12两次复查",
		"复查日期20261005",
		"二〇二六年十月五日",
		"2025-2026年度",
		"2025—2026年",
		"隐患E01-202610-0001已整改",
		"见E01-202610-0001、E12-202611-00012",
		"告知单E04GZ2026090134",
		"告知单编号E04GZ2026090134号",
		"青建管〔2026〕12号",
		"第3号通知",
		"地铁17号线",
		"现场3瓶，另有2户未入户",
		"橡胶管与燃气器具的连接长度超过2米",
		"气瓶与燃具净距小于0.5米",
		"存瓶总重量超过60kg未设置单独瓶组间",
		"单独瓶组间（高度<2.2m、通风口不足两个）",
		"同一栋楼的用户",
		"第一单元",
		"一般隐患",
		"统一更换",
		"街镇代码310118102",
		"村居310118102201",
		"14:30到达，16:00离开",
		"共检查1500户",
		"2026-10",
		"数据版本 4ddb756",
		"2026.10.05-2026.10.12",
		"1、关闭阀门；2、更换软管",
		"用户于本月搬离",
		"用户方便时再上门",
		"用户白天不在家",
		"用户已搬离",
		"用户拒绝入户",
		"OO型接头",
		"DN15 O型圈",
		// houses and names: what the 2026-12-02 rules must leave alone
		"data/rectifications/2026-05/310118002.csv",
		"收件时间 2026-10-31T02:59:59+08:00",
		"14:30",
		"02:59:59+08:00",
		"两房一厅",
		"1#瓶",
		"外出2-3天",
		"间距3-5-10米",
		"第1-2-3条",
		"GB50494-2009",
		"5楼",
		"同一栋楼",
		"户主为何不在",
		"用户是否在家",
		"用户为方便起见",
		"用户（户主）",
		"王（户主）",
		"客户端已更新",
		"@全体",
		"用户王 建国", // a space inside a name is not read (README: known limit)
		"房东已联系",
		"租客已搬离",
		"住户不在家",
		"燃气具（用户）自备",
		"瓶装液化气（用户）",
		"LOC_HIGHRISE 高层住宅使用瓶装液化气",
		"未安装燃气泄漏报警器",
		"夏阳街道东盛社区居委会",
		"朱家角镇李庄村",
		"练塘镇三分荡村五组",
		"2026年10月",
		"15kg钢瓶2瓶",
		// separators, digits and e-mail: what the 2026-12-02 rules must leave alone
		"2瓶/15kg",
		"钢瓶2瓶/15kg，另1瓶/50kg",
		"14:30-16:00复查",
		"第3.2.1条",
		"12/15/20各一次",
		"2026-10-05、2026-10-12两次复查",
		"2026/10/05—2026/10/12",
		"共3、5、8户",
		"检查120户，整改85户，完成率70.8%",
		"罚款5,000元",
		"GB 50028-2006",
		"规范GB50494-2009第4.3.1条",
		"见E01-202610-0001、E01-202610-0002",
		"邮箱未填",
		"@全体街镇联络员",
		"E04GZ2026090134/E04GZ2026090135",
		"310118102/310118103",
		"阿拉伯数字١٢瓶",
		"²次方",
		"⑩号文",
		// what the F6 rules of 2026-12-02 must leave alone
		"尺寸3x5米",
		"规格15kg×2",
		"居民用户",
		"居民委员会",
		"户主管道老化",
		"用户尚未整改",
		"张家宅户主",
		"该户户主",
		"加微信 abc",
		"用户微信已加",
		"金泽镇西岑村",
		"华新镇",
		"练塘镇",
		"用户时常不在家",
		"用户安装了报警器",
		"用户关闭阀门",
		"用户闻到异味",
		"用户成功更换",
		"户主原来住这里",
		"住户卫生间",
		"用户阳台",
		"用户全部整改",
		"用户应当整改",
		"户主车库",
		"3*5米",
		"138****8000",
		"电话138****8000，另139****0013",
		"共120户    整改85户",
	} {
		if got := Scrub(s); got != s {
			t.Errorf("Scrub(%q) = %q, want it unchanged", s, got)
		}
	}
}

// TestDigit: the value of a digit of every notation Scrub reads, -1 for
// what is not one digit.
func TestDigit(t *testing.T) {
	for _, c := range []struct {
		r    rune
		want int
	}{
		{'7', 7}, {'７', 7}, {'七', 7}, {'柒', 7}, {'幺', 1}, {'两', 2}, {'〇', 0},
		{'٧', 7}, {'۷', 7}, {'७', 7}, {'𝟕', 7}, {'𝟽', 7}, {'𝟩', 7}, {'᠗', 7},
		{'⁷', 7}, {'₇', 7}, {'⁰', 0}, {'⑦', 7}, {'⑺', 7}, {'⒎', 7}, {'⓪', 0},
		{'❼', 7}, {'➆', 7}, {'➐', 7}, {'⓻', 7}, {'⓿', 0}, {'🄀', 0}, {'🄈', 7},
		{'a', -1}, {'O', -1}, {'⑩', -1}, {'½', -1}, {'Ⅶ', -1}, {'十', -1}, {'王', -1}, {'*', -1},
	} {
		if got := digit(c.r); got != c.want {
			t.Errorf("digit(%q U+%04X) = %d, want %d", c.r, c.r, got, c.want)
		}
	}
}

// TestNdRuns checks what ndValue relies on: every range of unicode.Nd has
// stride 1 and holds whole runs of ten digits, and NFKC agrees with
// ndValue wherever it maps a decimal digit to an ASCII one.
func TestNdRuns(t *testing.T) {
	for _, x := range unicode.Nd.R16 {
		if x.Stride != 1 || (x.Hi-x.Lo+1)%10 != 0 {
			t.Errorf("Nd range %U–%U stride %d", x.Lo, x.Hi, x.Stride)
		}
	}
	for _, x := range unicode.Nd.R32 {
		if x.Stride != 1 || (x.Hi-x.Lo+1)%10 != 0 {
			t.Errorf("Nd range %U–%U stride %d", x.Lo, x.Hi, x.Stride)
		}
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !unicode.IsDigit(r) {
			continue
		}
		if f := norm.NFKC.String(string(r)); len(f) == 1 && f[0] >= '0' && f[0] <= '9' && int(f[0]-'0') != digit(r) {
			t.Errorf("digit(%U) = %d, NFKC %q", r, digit(r), f)
		}
	}
}

// TestScrubKeepsReference: the names of the reference data (towns,
// villages, enterprises, hazard types and their descriptions), which
// free text quotes, come out of Scrub unchanged.
func TestScrubKeepsReference(t *testing.T) {
	files, err := filepath.Glob("../../data/reference/*.csv")
	if err != nil || len(files) < 4 {
		t.Fatalf("reference tables: %v %v", files, err)
	}
	for _, f := range files {
		rows, err := readCSV(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for _, cell := range row {
				if got := Scrub(cell); got != cell {
					t.Errorf("%s:%d: Scrub(%q) = %q, want it unchanged", filepath.Base(f), i+1, cell, got)
				}
			}
		}
	}
}

func readCSV(name string) ([][]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	return r.ReadAll()
}

// TestScrubNoDigitRun checks the digit run of each masked phone is gone.
func TestScrubNoDigitRun(t *testing.T) {
	for _, s := range []string{"手机一三八零零一三二四六八", "电话１３８００１３８０００", "1 3 8 0 0 1 3 8 0 0 0", "138 0013 8000"} {
		got := Scrub(s)
		if strings.Contains(digitsOf(got), "13800138000") || strings.Contains(digitsOf(got), "13800132468") {
			t.Errorf("Scrub(%q) = %q keeps the number", s, got)
		}
	}
}

func TestTreatments(t *testing.T) {
	for _, c := range []struct {
		t       Treatment
		in, out string
	}{
		{None, "张三 13800138000", "张三 13800138000"},
		{Name, "张三", "张*"},
		{Name, "欧阳娜娜", "欧***"},
		{Name, " 李建 ", "李*"},
		{Phone, "13800138000", "138****8000"},
		{Phone, "021-59720000", "021-****0000"},
		{Phone, "1234567", "*******"},
		{Address, "朱家角镇城中东路983弄38号503室", "朱家角镇城中东路…"},
		{Address, "朱家角镇沈巷村东庄二十八号", "朱家角镇沈巷村东庄…"},
		{Address, "练塘镇朱庄村１２组", "练塘镇朱庄村…"},
		{Address, "金泽镇西岑村张家宅", "金泽镇西岑村张家宅"},
		{Address, "练塘镇三分荡村五组", "练塘镇三分荡村…"},
		{Address, "金泽镇一心村", "金泽镇一心村"},
		{Address, "朱家角镇李庄村张家宅王建国家", "朱家角镇李庄村张家宅…"},
		{Name, "王", "*"},
		{Drop, "E01", ""},
		{Scan, "电话13800138000", "电话138****8000"},
		{Office, "021-59720000", "021-59720000"},
		{Office, "139-1234-5678", "139-****-5678"},
	} {
		if got := c.t.Apply(c.in); got != c.out {
			t.Errorf("%q.Apply(%q) = %q, want %q", c.t, c.in, got, c.out)
		}
	}
	if Drop.Published() || !Scan.Published() || !Treatment("scan").Valid() || Treatment("hide").Valid() {
		t.Error("Published/Valid")
	}
}

// TestScrubKeepsPlacesAfterLeadWords (review of 2026-12-02, F6): a town
// or village name of data/reference right after a lead word (居民夏阳街道,
// 用户赵巷镇, 户主章浜社区居委会: 夏, 赵, 章 are surnames) is a place, not a
// name, and stays whole.
func TestScrubKeepsPlacesAfterLeadWords(t *testing.T) {
	n := 0
	for _, f := range []string{"../../data/reference/towns.csv", "../../data/reference/villages.csv"} {
		rows, err := readCSV(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows[1:] {
			name := row[1]
			for _, lead := range []string{"居民", "户主", "用户", "住户", "经营户", "联系人"} {
				n++
				if got := Scrub(lead + name); got != lead+name {
					t.Errorf("Scrub(%q) = %q, want it unchanged", lead+name, got)
				}
			}
		}
	}
	if n < 6*200 {
		t.Errorf("only %d names", n)
	}
}
