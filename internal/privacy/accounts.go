package privacy

import (
	"regexp"
	"strings"
)

// accountWords are the words after which scrubAccounts looks for a number:
// travel documents, a date of birth, short-video and micro-blog accounts.
// Scrub runs the regular expressions only for text that holds one.
var accountWords = []string{"护照", "通行证", "回乡证", "居留证", "证件", "出生", "生日", "抖音", "快手", "微博", "小红书"}

// reDocument is a travel document's number after its name (护照号E12345678,
// 港澳通行证C12345678, 回乡证H1234567801, 居留证…, 证件号码…): a run of 7 to
// 20 ASCII letters and digits (group 1; it must hold a digit).
var reDocument = regexp.MustCompile(`(?:护照|通行证|回乡证|居留证|证件)(?:号码|号|编号)?\s?(?:是|为)?\s?[：:]?\s?([A-Za-z0-9]{7,20})`)

// reBirth is a date of birth after 出生日期/出生年月/生日/出生 (group 1):
// 1980年1月1日, 1980-01-01, 1980/1/1, 1980.01.01, 19800101, 1980年1月.
var reBirth = regexp.MustCompile(`(?:出生日期|出生年月日|出生年月|出生于|出生|生日)\s?(?:是|为)?\s?[：:]?\s?((?:19|20)\d\d(?:\s?(?:年|[-/.])\s?\d{1,2}\s?(?:月|[-/.])?(?:\s?\d{1,2}\s?日?)?|\d{4}))`)

// reVideoAccount is an account id after 抖音号/快手号/微博号/小红书号 (or
// …ID): letters, digits, _ . - (group 1), as a WeChat id after 微信号.
var reVideoAccount = regexp.MustCompile(`(?:抖音|快手|微博|小红书)(?:号|\s?(?i:id))\s?[：:]?\s?([A-Za-z0-9][A-Za-z0-9_.-]{2,29})`)

// scrubAccounts masks, one "*" per character, the number of a travel
// document (护照, 港澳通行证, 回乡证, 居留证, 证件号), the digits of a date of
// birth and a short-video or micro-blog account id written after their
// word in free text (review round 3 G34): 护照号E12345678 → 护照号*********,
// 生日19800101 → 生日********, 出生日期1980年1月1日 → 出生日期****年*月*日,
// 抖音号 wjg1980 → 抖音号 *******. Text without any of accountWords is
// left alone without running the expressions. 台胞证号 and ids after 微信
// are masked by scrubIDs and scrubWeChat.
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
	text := string(rs)
	idx := runeIndex(text)
	mask := func(a, b int, digitsOnly bool) {
		for i := idx[a]; i < idx[b]; i++ {
			if !digitsOnly || rs[i] >= '0' && rs[i] <= '9' {
				rs[i] = '*'
			}
		}
	}
	for _, m := range reDocument.FindAllStringSubmatchIndex(text, -1) {
		if strings.ContainsAny(text[m[2]:m[3]], "0123456789") {
			mask(m[2], m[3], false)
		}
	}
	for _, m := range reBirth.FindAllStringSubmatchIndex(text, -1) {
		mask(m[2], m[3], true)
	}
	for _, m := range reVideoAccount.FindAllStringSubmatchIndex(text, -1) {
		mask(m[2], m[3], false)
	}
}
