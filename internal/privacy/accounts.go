package privacy

import (
	"regexp"
	"strings"
)

// accountWords are the words after which scrubAccounts looks for a number:
// travel documents, a date of birth, short-video and micro-blog accounts.
// Scrub runs the regular expressions only for text that holds one.
var accountWords = []string{"护照", "通行证", "回乡证", "居留证", "证件", "生", "抖音", "快手", "微博", "小红书"}

// reDocument is a travel document's number after its name (护照号E12345678,
// 港澳通行证C12345678, 回乡证H1234567801, 居留证…, 证件号码…): runs of ASCII
// letters and digits joined by one space or hyphen (护照号码 E 1234 5678,
// review round 4 H3), group 1. scrubAccounts masks it when, without the
// runs of letters only at its end (… K1234567 OK), it holds 7 to 20
// letters and digits, a digit among them.
var reDocument = regexp.MustCompile(`(?:护照|通行证|回乡证|居留证|证件)(?:号码|号|编号)?\s?(?:是|为)?\s?[：:]?\s?([A-Za-z0-9]+(?:[ -][A-Za-z0-9]+)*)`)

// reBirth is a date of birth after 出生日期/出生年月/生日/出生/生于 (group 1),
// in the text with every digit written as ASCII (so 一九八零年一月一日 reads
// 1980年1月1日; 十 stays, as in 十二月二十三日): 1980年1月1日, 1980-01-01,
// 1980/1/1, 1980.01.01, 19800101, 1980年1月, 1980年十二月二十三日.
var reBirth = regexp.MustCompile(`(?:出生日期|出生年月日|出生年月|出生于|出生|生日|生于)\s?(?:是|为)?\s?[：:]?\s?((?:19|20)\d\d(?:\s?(?:年|[-/.])\s?(?:十\d?|\d{1,2})\s?(?:月|[-/.])?(?:\s?(?:\d?十\d?|\d{1,2})\s?日?)?|\d{4}|\d{2}|\s?年)?)`)

// reBornOn is a date of birth written before 生/出生/生人 (review round 5,
// K5): 1950年1月1日生, （1950年生）, 1980年出生, 1950年3月生人 (group 1) — not
// when 生 starts another word (2026年10月5日生效, 生产, 生成 …).
var reBornOn = regexp.MustCompile(`((?:19|20)\d\d\s?(?:(?:年|[-/.])\s?(?:十\d?|\d{1,2})\s?(?:月|[-/.])?(?:\s?(?:\d?十\d?|\d{1,2})\s?[日号]?)?|年))\s?(?:出生|生人|生)(?:[^效产成活长命存日意病气]|$)`)

// notBorn are the words that end in 生 before 于 but say nothing of a
// birth: 发生于2026年10月5日 is when something happened, 王先生于… when Mr
// Wang did something (review round 4 H3).
var notBorn = runesOf("发生", "产生", "先生", "学生", "医生", "卫生", "男生", "女生", "师生", "考生", "派生", "衍生", "滋生", "寄生", "再生")

// reVideoAccount is an account id after 抖音号/快手号/微博号/小红书号 (or
// …ID): letters, digits, _ . - (group 1), as a WeChat id after 微信号.
var reVideoAccount = regexp.MustCompile(`(?:抖音|快手|微博|小红书)(?:号|\s?(?i:id))\s?[：:]?\s?([A-Za-z0-9][A-Za-z0-9_.-]{2,29})`)

// scrubAccounts masks, one "*" per character, the number of a travel
// document (护照, 港澳通行证, 回乡证, 居留证, 证件号), the digits of a date of
// birth and a short-video or micro-blog account id written after their
// word in free text (review round 3 G34): 护照号E12345678 → 护照号*********,
// 生日19800101 → 生日********, 出生日期1980年1月1日 → 出生日期****年*月*日,
// 抖音号 wjg1980 → 抖音号 *******. Digits of any notation count (digit):
// 出生于一九八零年一月一日 → 出生于****年*月*日, 出生于1980年 → 出生于****年,
// 出生年月：198001 → ******, a date before 生/出生 (1950年1月1日生 →
// ****年*月*日生; reBornOn, review round 5 K5), and 十 of a Chinese month or
// day is masked as a digit; 生于 counts unless it ends one of notBorn
// (review round 4 H3). Text without any of accountWords is left alone
// without running the expressions. 台胞证号 and ids after 微信 are masked by
// scrubIDs and scrubWeChat.
func scrubAccounts(s string, rs []rune) {
	found := false
	for _, w := range accountWords {
		if strings.Contains(s, w) {
			found = true
			break
		}
	}
	if !found {
		return
	}
	ascii := make([]rune, len(rs))
	for i, r := range rs {
		if d := digit(r); d >= 0 {
			ascii[i] = rune('0' + d)
		} else {
			ascii[i] = r
		}
	}
	text := string(ascii)
	idx := runeIndex(text)
	mask := func(a, b int, keep func(r rune) bool) {
		for i := idx[a]; i < idx[b]; i++ {
			if !keep(ascii[i]) {
				rs[i] = '*'
			}
		}
	}
	none := func(rune) bool { return false }
	seps := func(r rune) bool { return r == ' ' || r == '-' } // E 1234 5678 → * **** ****
	notDigit := func(r rune) bool { return (r < '0' || r > '9') && r != '十' }
	for _, m := range reDocument.FindAllStringSubmatchIndex(text, -1) {
		v := text[m[2]:m[3]]
		for { // drop trailing words without a digit: 证件号 K1234567 OK
			k := strings.LastIndexAny(v, " -")
			if k < 0 || strings.ContainsAny(v[k+1:], "0123456789") {
				break
			}
			v = v[:k]
		}
		n := len(v) - strings.Count(v, " ") - strings.Count(v, "-")
		if n >= 7 && n <= 20 && strings.ContainsAny(v, "0123456789") {
			mask(m[2], m[2]+len(v), seps)
		}
	}
	for _, m := range reBirth.FindAllStringSubmatchIndex(text, -1) {
		if a := idx[m[0]]; ascii[a] == '生' && a > 0 && prefixAt(ascii, a-1, notBorn) == 2 {
			continue // 发生于2026年10月5日
		}
		mask(m[2], m[3], notDigit)
	}
	for _, m := range reBornOn.FindAllStringSubmatchIndex(text, -1) {
		mask(m[2], m[3], notDigit)
	}
	for _, m := range reVideoAccount.FindAllStringSubmatchIndex(text, -1) {
		mask(m[2], m[3], none)
	}
}
