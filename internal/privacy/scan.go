package privacy

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Scrub masks phone numbers, ID card numbers, e-mail addresses, house
// numbers and the given names of introduced persons in free text (备注,
// 隐患描述, 未整改原因, meeting notes, publish messages) and leaves
// everything else alone. README "公开版脱敏" states the rules for users.
//
// Digits may be written in any notation digit reads (ASCII, any Unicode
// decimal digit, superscripts and circled digits by NFKC, Chinese numerals
// read digit by digit), and a number may be split into groups by up to
// three separators (isSep: any space or punctuation, | ~ + =, bullets),
// one x or * (soleSep) or four to eight spaces; 洞 is a spoken zero.
//
// Phones: consecutive groups whose digits form a mobile (1[3-9] and nine
// more, optionally after 86/0086), a landline with its area code (021
// 59720000, optionally an extension), a 400/800 number, or a bare landline
// of seven or eight digits in at most two groups (3+4, 4+4, or 4+3 when
// the four are no year: 5972 000, not 〔2026〕123号); any single group of seven
// or more digits is masked too. Kept: dates (2026-10-05, 2026.10.05,
// 20261005 as one group), hazard ids (E01-202610-0001), identifiers glued to
// letters (告知单 E04GZ2026090134, but not after QQ, WX, VX, Tel) and 9- or
// 12-digit statistical codes (310118102) — unless they hold a whole mobile
// or landline. A phone keeps its first three and last four digits when it
// has eleven or more (138****8000), else all its digits become "*".
//
// ID card numbers (scrubIDs: 18 characters or 15 digits in any grouping
// with a possible birth date), runs of groups of three or more digits
// holding 15–19 digits (bank cards) and any single group of fifteen or
// more digits are masked whole, a trailing X too. E-mail addresses
// (scrubEmails) lose their local part: ***********@163.com.
//
// House numbers: a number followed by 弄, 室, 房, 幢, 栋, 单元 or 号楼 (12#楼),
// a chain of such parts (99弄7号402室, 3栋2单元501, 38號402房), N号, N#,
// N楼 and N层 after a place (路, 街, 村, 宅, 住, …), and numbers joined by
// hyphens (38-2-301 anywhere, 12-301 after a place). Traditional 號 樓 棟
// 單 and ＃ read as 号 楼 栋 单 #. Not 10月5号 (a date), 〔2026〕3号 or 第3号
// (document numbers), 3号线, counts (3瓶, 2户, 外出2-3天), 两房一厅, nor
// 第1-2-3条. Up to three spaces (maxSpaces) may stand between a place and
// the number, the number and its unit, and the parts of a chain (城中北路
// 99 号, 12 栋 3 单元 501 室; review round 4 H3). The numbers become "*",
// one per character, the units stay: 青浦路**弄*号***室.
//
// Letter O written for a zero inside a number (1３8OO13８OOO, 138-OO13-8000:
// zeroLetters) counts as a zero. Times of day (14:30, 02:59:59+08:00) are
// protected like dates.
//
// Names (scrubNames): two or three Chinese characters starting with a
// common surname right after a word that introduces a person (nameIntros:
// 户主, 用户, 租客, 房东, 联系人, 姓名 …), optionally through 名称/姓名/名字,
// a colon or space, 是/为/叫/名叫/系 (用户名称：李大明, 户主是王建设), or
// right before such a word in brackets (王建华（户主）), keep the surname
// only: 户主王建国 → 户主王**. A name without such a word is not
// recognised. A name right before 户主 (王建国户主) is masked too, and
// WeChat ids (scrubWeChat) whole.
//
// Invisible characters (Invisible: format characters, variation
// selectors, fillers, the soft hyphen) are removed first, from the result
// too: browsers, Excel and LibreOffice show them as nothing, so
// 138<U+200E>0013<U+200E>2471 reads as one number (review of 2026-12-02,
// F18).
func Scrub(s string) string {
	if s == "" {
		return s
	}
	orig := dropInvisible([]rune(s))
	rs := zeroLetters(orig)
	scrubEmails(rs)
	if strings.Contains(s, "微信") || strings.Contains(s, "wxid_") || hasWeChat(s) {
		scrubWeChat(rs)
	}
	scrubAccounts(s, rs)
	scrubIDs(rs)
	prot := protected(rs)
	scrubPhones(rs, prot)
	scrubHouses(rs, prot)
	scrubNames(rs)
	for i, r := range rs {
		if r != '*' {
			rs[i] = orig[i] // a letter O read as 0 stays O where nothing was masked
		}
	}
	return string(rs)
}

// Invisible reports whether r is a character that text shows as nothing
// and that can therefore hide between the digit groups of a phone: every
// format character (general category Cf: soft hyphen U+00AD, zero-width
// space, joiners, LRM/RLM, bidi embeddings and isolates U+202A–U+202E,
// U+2066–U+2069, word joiner, BOM, U+180E, tags …), the variation
// selectors (U+FE00–U+FE0F, U+E0100–U+E01EF, Mongolian U+180B–U+180D,
// U+180F), the combining grapheme joiner U+034F and the Hangul fillers
// U+115F, U+1160, U+3164, U+FFA0. csvio.StripInvisible removes the same
// characters from cells.
func Invisible(r rune) bool {
	switch {
	case r < 0xAD:
		return false
	case r == 0x034F, r == 0x115F, r == 0x1160, r == 0x3164, r == 0xFFA0,
		r >= 0x180B && r <= 0x180F, r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF:
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// dropInvisible removes the Invisible characters of rs, in place.
func dropInvisible(rs []rune) []rune {
	out := rs[:0]
	for _, r := range rs {
		if !Invisible(r) {
			out = append(out, r)
		}
	}
	return out
}

// zeroLetters returns a copy of rs in which every letter O (o, Ｏ, ｏ) that
// belongs to a number is replaced by ０: a run of digits and O's holding at
// least three digits (1３8OO13８OOO), or any run of a chain of such runs
// joined by one to three separators (isSep) that holds at least three
// digits and seven characters in all, when the run holds a digit or
// stands between two others of the chain (138-OO13-8000, 138 OOOO 8000;
// review round 4 H3). A lone O before or after a number (DN15 O型圈,
// 2026-10-05 O型圈) stays.
func zeroLetters(rs []rune) []rune {
	out := append([]rune(nil), rs...)
	isO := func(r rune) bool { return r == 'O' || r == 'o' || r == 'Ｏ' || r == 'ｏ' }
	type run struct{ start, end, digits int }
	var runs []run
	for i := 0; i < len(out); {
		if digit(out[i]) < 0 && !isO(out[i]) {
			i++
			continue
		}
		j, n := i, 0
		for j < len(out) && (digit(out[j]) >= 0 || isO(out[j])) {
			if digit(out[j]) >= 0 {
				n++
			}
			j++
		}
		runs = append(runs, run{i, j, n})
		i = j
	}
	seps := func(from, to int) bool {
		if to-from < 1 || to-from > 3 {
			return false
		}
		for _, r := range out[from:to] {
			if !isSep(r) {
				return false
			}
		}
		return true
	}
	for a := 0; a < len(runs); {
		b := a + 1
		for b < len(runs) && seps(runs[b-1].end, runs[b].start) {
			b++
		}
		chain := runs[a:b]
		digits, chars := 0, 0
		for _, r := range chain {
			digits, chars = digits+r.digits, chars+r.end-r.start
		}
		for k, r := range chain {
			inner := k > 0 && k < len(chain)-1
			if r.digits >= 3 || len(chain) >= 2 && digits >= 3 && chars >= 7 && (r.digits > 0 || inner) {
				for m := r.start; m < r.end; m++ {
					if isO(out[m]) {
						out[m] = '０'
					}
				}
			}
		}
		a = b
	}
	return out
}

// digit returns the value of r as a digit of a number written in free text,
// or -1. A digit is: ASCII; any Unicode decimal digit (category Nd:
// full-width １, Arabic-Indic ١, Devanagari ४, mathematical bold 𝟏 …);
// any other numeric character whose NFKC form is one digit, with at most
// brackets, a full stop or a comma around it (superscript ¹, subscript ₁,
// circled ①, ⑴, ⒈, 🄁); the dingbat circled digits NFKC leaves alone (❶,
// ➀, ➊, ⓵); or a Chinese numeral read digit by digit (一三八, 幺, 两, 〇,
// 壹贰叁 …).
func digit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r < 0x80:
		return -1
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	if i := strings.IndexRune(hanDigits, r); i >= 0 {
		return hanValue[utf8.RuneCountInString(hanDigits[:i])]
	}
	if isHan(r) {
		return -1
	}
	if unicode.IsDigit(r) {
		return ndValue(r)
	}
	if !unicode.Is(unicode.No, r) {
		return -1
	}
	switch {
	case r >= '❶' && r <= '❾': // negative circled
		return int(r-'❶') + 1
	case r >= '➀' && r <= '➈': // sans-serif circled
		return int(r-'➀') + 1
	case r >= '➊' && r <= '➒':
		return int(r-'➊') + 1
	case r >= '⓵' && r <= '⓽': // double circled
		return int(r-'⓵') + 1
	case r == '⓿':
		return 0
	}
	v := -1
	for _, c := range norm.NFKC.String(string(r)) {
		switch {
		case c >= '0' && c <= '9' && v < 0:
			v = int(c - '0')
		case strings.ContainsRune("().,", c):
		default:
			return -1 // ⑩ is 10, ½ is 1⁄2: not one digit
		}
	}
	return v
}

// ndValue returns the value of a decimal digit (unicode.IsDigit). Unicode
// encodes decimal digits as runs of ten from 0 to 9, which the Nd table of
// package unicode holds as ranges of stride 1 whose lengths are multiples
// of ten (TestNdRuns), so the value is the offset from the range's start
// modulo ten.
func ndValue(r rune) int {
	for _, x := range unicode.Nd.R16 {
		if r >= rune(x.Lo) && r <= rune(x.Hi) {
			return int(r-rune(x.Lo)) % 10
		}
	}
	for _, x := range unicode.Nd.R32 {
		if r >= rune(x.Lo) && r <= rune(x.Hi) {
			return int(r-rune(x.Lo)) % 10
		}
	}
	return -1
}

const hanDigits = "洞〇○零一幺壹二贰两三叁四肆五伍六陆七柒八捌九玖"

var hanValue = []int{0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9}

// isArabic reports whether r is an ASCII or full-width digit.
func isArabic(r rune) bool {
	return r >= '0' && r <= '9' || r >= '０' && r <= '９' || digit(r) >= 0 && !strings.ContainsRune(hanDigits, r)
}

// isSep reports whether r may stand between the groups of one number:
// any space or punctuation (- – — · . / \ , 、 : ( ) _ and their full-width
// forms …) and | ~ + =. A line break is one: a cell typed with Alt+Enter
// (137 5555⏎0128) or a wrapped line of a meeting note.
func isSep(r rune) bool {
	return r != '*' && (unicode.IsSpace(r) || unicode.IsPunct(r) || strings.ContainsRune("|~+=＋～｜＝−▪▫●■□◆◇◦∙⋅", r))
}

// soleSep reports whether r, alone between two groups of digits, joins
// them though it is no separator elsewhere: a letter x (138x0013x2468,
// 138ｘ0013) or an asterisk (138*0013*2468), which people use to hide a
// number from a reader but not from a scanner (review of 2026-12-02, F6).
// stars reports whether sep is one to three asterisks (a mask has four
// or more: 138****8000 stays two groups).
func stars(sep []rune) bool {
	for _, r := range sep {
		if r != '*' && r != '＊' {
			return false
		}
	}
	return len(sep) > 0
}

func soleSep(r rune) bool { return strings.ContainsRune("xXｘＸ*＊", r) }

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// reProtected finds what is never a phone nor a house number, in the text
// with every digit written as ASCII: hazard ids, dates with separators,
// ranges of years (2025-2026年) and times of day (14:30, 02:59:59+08:00 of
// a timestamp).
var reProtected = regexp.MustCompile(`[A-Za-z0-9]+-(?:19|20)\d{2}(?:0[1-9]|1[0-2])-\d{4,}` +
	`|(?P<range>(?:19|20)\d{2}\s?[-–—~至到]\s?(?:19|20)\d{2}年)` +
	`|(?:19|20)\d{2}\s?[-/.年]\s?(?:1[0-2]|0?[1-9])\s?[-/.月]\s?(?:3[01]|[12]\d|0?[1-9])(?:\s?[日号])?` +
	`|(?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d)?(?:[+-](?:0\d|1[0-4]):?[0-5]\d|Z)?`)

// protected marks the runes of rs inside a hazard id or a dated form that
// does not continue into more digits.
func protected(rs []rune) []bool {
	norm := make([]rune, len(rs))
	for i, r := range rs {
		if d := digit(r); d >= 0 {
			norm[i] = rune('0' + d)
		} else {
			norm[i] = r
		}
	}
	text := string(norm)
	// byte offset → rune index
	idx := make([]int, len(text)+1)
	n := 0
	for b := range text {
		idx[b] = n
		n++
	}
	idx[len(text)] = n
	prot := make([]bool, len(rs))
	for _, m := range reProtected.FindAllStringSubmatchIndex(text, -1) {
		a, b := idx[m[0]], idx[m[1]]
		if a > 0 && digit(rs[a-1]) >= 0 || b < len(rs) && digit(rs[b]) >= 0 {
			continue // part of a longer number
		}
		if m[2] >= 0 && a > 1 && isSep(rs[a-1]) && digit(rs[a-2]) >= 0 {
			continue // 021-2025-2026年 is not a range of years
		}
		for i := a; i < b; i++ {
			prot[i] = true
		}
	}
	return prot
}

// runeIndex maps each byte offset of text (and len(text)) to the index of
// its rune.
func runeIndex(text string) []int {
	idx := make([]int, len(text)+1)
	n := 0
	for b := range text {
		idx[b] = n
		n++
	}
	idx[len(text)] = n
	return idx
}

// reEmail finds an e-mail address in the text with full-width forms folded
// to ASCII (wang＠１６３．ｃｏｍ reads wang@163.com), a space allowed on
// either side of the @.
var reEmail = regexp.MustCompile(`[A-Za-z0-9._%+\-]+ ?@ ?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`)

// scrubEmails masks the local part of every e-mail address of rs, one "*"
// per character; the @ and the domain stay (wangjianguo@163.com →
// ***********@163.com).
func scrubEmails(rs []rune) {
	at := false
	for _, r := range rs {
		at = at || r == '@' || r == '＠' || r == '﹫'
	}
	if !at {
		return
	}
	fold := make([]rune, len(rs))
	for i, r := range rs {
		fold[i] = r
		if r >= 0x80 && !isHan(r) {
			if f := []rune(width.Fold.String(string(r))); len(f) == 1 {
				fold[i] = f[0]
			}
		}
	}
	text := string(fold)
	idx := runeIndex(text)
	for _, m := range reEmail.FindAllStringIndex(text, -1) {
		for i := idx[m[0]]; i < len(rs) && fold[i] != '@'; i++ {
			if fold[i] != ' ' {
				rs[i] = '*'
			}
		}
	}
}

// reWeChat finds a WeChat id: wxid_… anywhere, or an id of six to twenty
// letters, digits, _ and - starting with a letter after 微信, 微信号 or
// WeChat (review of 2026-12-02, F6). Group 1 is the id.
var reWeChat = regexp.MustCompile(`(?:(?:微信号|微信|(?i:wechat))(?:\s?(?:ID|id|号))?\s?[：:]?\s?([A-Za-z][A-Za-z0-9_-]{5,19})|(wxid_[A-Za-z0-9_-]+))`)

// reWXPhone is an "id" that is a phone behind wx or vx (微信wx13912345683),
// left to the phone scanner, which keeps its first and last digits.
var reWXPhone = regexp.MustCompile(`^(?i:wx|vx)?\d+$`)

// hasWeChat reports whether s holds "wechat" in any case, without
// allocating.
func hasWeChat(s string) bool {
	for i := 0; i+6 <= len(s); i++ {
		if s[i]|0x20 == 'w' && strings.EqualFold(s[i:i+6], "wechat") {
			return true
		}
	}
	return false
}

// scrubWeChat masks every WeChat id of rs whole, one "*" per character:
// 微信号wxid_abcdef123 → 微信号****************. Scrub calls it only for
// text that holds 微信, wxid_ or WeChat (any case).
func scrubWeChat(rs []rune) {
	text := string(rs)
	idx := runeIndex(text)
	for _, m := range reWeChat.FindAllStringSubmatchIndex(text, -1) {
		a, b := m[2], m[3]
		if a < 0 {
			a, b = m[4], m[5]
		}
		if reWXPhone.MatchString(text[a:b]) {
			continue
		}
		for i := idx[a]; i < idx[b]; i++ {
			rs[i] = '*'
		}
	}
}

// digitGroups returns the maximal runs of digits (of any notation) of rs,
// skipping the runes marked in skip (nil: none).
func digitGroups(rs []rune, skip []bool) []group {
	var groups []group
	for i := 0; i < len(rs); {
		if skip != nil && skip[i] || digit(rs[i]) < 0 {
			i++
			continue
		}
		j := i
		var b strings.Builder
		for j < len(rs) && (skip == nil || !skip[j]) && digit(rs[j]) >= 0 {
			b.WriteByte(byte('0' + digit(rs[j])))
			j++
		}
		groups = append(groups, group{i, j, b.String()})
		i = j
	}
	return groups
}

func isX(r rune) bool { return r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ' }

// scrubIDs masks, whole, every resident ID card number of rs: eighteen
// characters (seventeen digits and a digit or X) in groups of any size
// joined by up to three separators (310118 1990 0101 1234,
// 310118-19900101-123X, 3 1 0 1 …), whose birth date (YYYYMMDD from the
// seventh digit) is a possible date. (A fifteen-digit ID of before 1999 is
// masked as one group of fifteen digits, or by longRun; in groups of any
// size it would take paths like 2026-05/310118002.) It runs
// before dates are protected, so 310118-1990-01-01-1234 is one number.
// GB 11643-1999 gives the layout; the check digit is not verified, for a
// mistyped number is as personal as a correct one.
func scrubIDs(rs []rune) {
	n := 0
	for _, r := range rs {
		if digit(r) >= 0 {
			n++
		}
	}
	if n < 17 {
		return
	}
	gs := digitGroups(rs, nil)
	for i := 0; i < len(gs); i++ {
		d := ""
		for j := i; j < len(gs) && j < i+18; j++ {
			if j > i && !joined(rs, nil, gs[j-1].end, gs[j].start) {
				break
			}
			d += gs[j].digits
			x := gs[j].end < len(rs) && isX(rs[gs[j].end]) && len(d) == 17
			if !(len(d) == 18 || x) {
				if len(d) > 18 {
					break
				}
				continue
			}
			if !idShape(d) {
				continue
			}
			for _, g := range gs[i : j+1] {
				for k := g.start; k < g.end; k++ {
					rs[k] = '*'
				}
			}
			if x {
				rs[gs[j].end] = '*'
			}
			i = j
			break
		}
	}
}

// idShape reports whether the digits d (17 before an X, or 18) have the
// layout of an ID card number: a region code not starting with 0 and a
// possible birth date.
func idShape(d string) bool {
	if d[0] == '0' || len(d) < 17 {
		return false
	}
	y, md := d[6:10], d[10:14]
	if !strings.HasPrefix(y, "19") && !strings.HasPrefix(y, "20") {
		return false
	}
	m := int(md[0]-'0')*10 + int(md[1]-'0')
	day := int(md[2]-'0')*10 + int(md[3]-'0')
	return m >= 1 && m <= 12 && day >= 1 && day <= 31
}

// group is a maximal run of digits of any notation.
type group struct {
	start, end int // rune indices, end exclusive
	digits     string
}

func scrubPhones(rs []rune, prot []bool) {
	groups := digitGroups(rs, prot)
	// Split into runs: groups joined by one to three separators.
	for a := 0; a < len(groups); {
		b := a + 1
		for b < len(groups) && joined(rs, prot, groups[b-1].end, groups[b].start) {
			b++
		}
		scrubRun(rs, groups[a:b])
		a = b
	}
}

// joined reports whether rs[from:to] is one to three unprotected separators,
// one soleSep character, or four to eight spaces (prot nil: nothing is
// protected).
func joined(rs []rune, prot []bool, from, to int) bool {
	if to-from == 1 && soleSep(rs[from]) && (prot == nil || !prot[from]) {
		return true
	}
	if to-from <= 3 && stars(rs[from:to]) && (prot == nil || !prot[from]) {
		return true // Markdown emphasis left in a table cell: 138**0013**2405
	}
	if to-from > 3 && to-from <= 8 { // spaces aligning a number in Excel: 138    0013    2468
		for i := from; i < to; i++ {
			if prot != nil && prot[i] || rs[i] != ' ' && rs[i] != '\u3000' {
				return false
			}
		}
		return true
	}
	if to-from < 1 || to-from > 3 {
		return false
	}
	for i := from; i < to; i++ {
		if prot != nil && prot[i] || !isSep(rs[i]) {
			return false
		}
	}
	return true
}

var (
	reMobile   = regexp.MustCompile(`^(?:0{0,2}86)?1[3-9]\d{9}$`)
	reLandline = regexp.MustCompile(`^(?:0{0,2}86)?0?(?:10|2\d|[3-9]\d{2})[2-9]\d{6,7}$`)
	reService  = regexp.MustCompile(`^[48]00\d{7}$`)
	reBare     = regexp.MustCompile(`^[2-9]\d{6,7}$`)
)

// scrubRun masks the phones among the groups of one run: from each group,
// the longest sequence of groups that forms a phone; else the group alone
// when it is a long number that is not a date, a code or an identifier.
func scrubRun(rs []rune, gs []group) {
	for i := 0; i < len(gs); {
		best := -1
		d := ""
		for j := i; j < len(gs) && j < i+12; j++ {
			d += gs[j].digits
			if phoneShape(rs, gs[i:j+1], d) {
				best = j
			}
		}
		if long := longRun(rs, gs[i:]); long > best {
			maskWhole(rs, gs[i:i+long+1])
			i += long + 1
			continue
		}
		if best < 0 && longNumber(rs, gs[i]) {
			if len(gs[i].digits) >= 15 { // an ID card number: every digit, and its check letter
				maskWhole(rs, gs[i:i+1])
				i++
				continue
			}
			best = i
		}
		if best < 0 {
			i++
			continue
		}
		var idx []int
		for _, g := range gs[i : best+1] {
			for k := g.start; k < g.end; k++ {
				idx = append(idx, k)
			}
		}
		maskDigits(rs, idx)
		i = best + 1
	}
}

// longRun returns the index of the last of the groups gs (joined, from the
// first) that, each of three or more digits, hold fifteen to nineteen
// digits between them — a bank card (6222 0212 3456 7890) or an ID card
// number with an impossible birth date — or -1. Statistical codes, compact
// dates and identifiers glued to letters are not part of one
// (310118102/310118103 is two town codes).
func longRun(rs []rune, gs []group) int {
	last, n := -1, 0
	for j, g := range gs {
		if len(g.digits) < 3 || isCode(g.digits) || isCompactDate(g.digits) || identifier(rs, g.start, g.end) {
			break
		}
		if j > 0 && !cardSep(rs[gs[j-1].end:g.start]) {
			break
		}
		n += len(g.digits)
		if n > 19 {
			break
		}
		if n >= 15 && j > 0 {
			last = j
		}
	}
	return last
}

// cardSep reports whether sep, between two groups of a card number, is
// one space or hyphen (6222 0212, 6222-0212): a slash or a comma
// separates two numbers (0512-65432007 / 139.1234.0008).
func cardSep(sep []rune) bool {
	return len(sep) == 1 && strings.ContainsRune(" \u3000-－", sep[0])
}

// maskWhole replaces every digit of the groups gs, and an X right after
// the last, with "*".
func maskWhole(rs []rune, gs []group) {
	for _, g := range gs {
		for k := g.start; k < g.end; k++ {
			rs[k] = '*'
		}
	}
	if e := gs[len(gs)-1].end; e < len(rs) && isX(rs[e]) {
		rs[e] = '*'
	}
}

// phoneShape reports whether the digits d of groups gs form a phone.
func phoneShape(rs []rune, gs []group, d string) bool {
	if reMobile.MatchString(d) || reService.MatchString(d) {
		return true
	}
	if reLandline.MatchString(d) && (d[0] == '0' || strings.HasPrefix(d, "86")) {
		return true
	}
	// A landline with an extension: 021-59720000-801.
	if n := len(gs); n >= 2 {
		last := gs[n-1].digits
		head := d[:len(d)-len(last)]
		hyphen := gs[n-1].start-gs[n-2].end == 1 && strings.ContainsRune("-－", rs[gs[n-2].end])
		if hyphen && len(last) <= 6 && reLandline.MatchString(head) && head[0] == '0' && len(gs[n-2].digits) >= 7 {
			return true
		}
	}
	if reBare.MatchString(d) && len(gs) <= 2 && !identifier(rs, gs[0].start, gs[len(gs)-1].end) {
		if len(gs) == 1 {
			return !isCompactDate(d) && !isCode(d)
		}
		a, b := gs[0].digits, gs[1].digits
		if len(a) == 4 && len(b) == 3 { // 5972 000 (review round 4 H3), not 〔2026〕123号
			return !strings.HasPrefix(a, "19") && !strings.HasPrefix(a, "20")
		}
		return len(a) >= 3 && len(b) >= 4
	}
	return false
}

// longNumber reports whether one group of digits is long enough to be
// masked though it has no phone shape: seven or more digits that are not
// a compact date, a statistical code or part of an identifier (fifteen or
// more — an ID card number — always).
func longNumber(rs []rune, g group) bool {
	n := len(g.digits)
	if n >= 15 {
		return true
	}
	return n >= 7 && !isCompactDate(g.digits) && !isCode(g.digits) && !identifier(rs, g.start, g.end)
}

// identifier reports whether rs[start:end] is glued to ASCII letters: a
// letter just before it (or before one - or _), or just after it. Letters
// that name a personal account (QQ, WX, VX, Tel) do not make an identifier:
// QQ12345678 is a QQ number.
func identifier(rs []rune, start, end int) bool {
	if end < len(rs) && isLetter(rs[end]) {
		return true
	}
	b := start
	if b > 1 && (rs[b-1] == '-' || rs[b-1] == '_') && isLetter(rs[b-2]) {
		b--
	}
	a := b
	for a > 0 && isLetter(rs[a-1]) {
		a--
	}
	if a == b {
		return false
	}
	switch strings.ToLower(string(rs[a:b])) {
	case "qq", "wx", "vx", "tel":
		return false
	}
	return true
}

// isCompactDate reports whether d is a date written YYYYMMDD.
func isCompactDate(d string) bool {
	if len(d) != 8 || !(strings.HasPrefix(d, "19") || strings.HasPrefix(d, "20")) {
		return false
	}
	m := int(d[4]-'0')*10 + int(d[5]-'0')
	day := int(d[6]-'0')*10 + int(d[7]-'0')
	return m >= 1 && m <= 12 && day >= 1 && day <= 31
}

// isCode reports whether d is a 9-digit town or 12-digit village code of
// Shanghai (310118102, 310118102201), which is never a phone.
func isCode(d string) bool { return (len(d) == 9 || len(d) == 12) && strings.HasPrefix(d, "31") }

// House numbers.

const (
	placeRunes = "路街道巷弄里坊村庄宅园苑区镇港浜泾塘湾桥城墅邨住址楼院牌"
	stopRunes  = "年月日时分秒点瓶罐个只处户人次起元米斤公克吨升天周岁倍%％"
)

// numToken returns the end of the number that starts at i (digits of any
// notation, 十百千, groups joined by a single -), or i when there is none;
// han reports whether it is written in Chinese numerals only.
func numToken(rs []rune, prot []bool, i int) (end int, han bool) {
	j := i
	han = true
	for j < len(rs) && !prot[j] {
		r := rs[j]
		switch {
		case isArabic(r):
			han = false
		case digit(r) >= 0 || strings.ContainsRune("十百千拾佰", r):
		case (r == '-' || r == '－') && j > i && j+1 < len(rs) && isArabic(rs[j+1]):
		default:
			return j, han
		}
		j++
	}
	return j, han
}

// unitAt returns the house-number unit at rs[i:] and its length in runes:
// strong units stand alone (弄 室 房 幢 栋 单元 号楼, and # for 号 before
// 楼: 12#楼), 号 (or #) needs a place before it or a chain, weak ones (楼 层
// 组 座 队) count only in a chain or, 楼 and 层, after a place. Traditional
// forms (號 樓 棟 單) and full-width ＃ read as their simplified forms.
func unitAt(rs []rune, i int) (unit string, n int) {
	if i >= len(rs) {
		return "", 0
	}
	r := foldUnit(rs[i])
	if i+1 < len(rs) {
		two := string([]rune{r, foldUnit(rs[i+1])})
		if two == "单元" || two == "号楼" || two == "号院" || two == "#楼" {
			return strings.Replace(two, "#", "号", 1), 2
		}
	}
	switch r {
	case '弄', '室', '房', '幢', '栋', '号', '楼', '层', '组', '座', '队':
		return string(r), 1
	case '#':
		return "号", 1
	}
	return "", 0
}

// foldUnit maps the traditional or full-width form of a house-number unit
// to the form unitAt compares: 號 → 号, 樓 → 楼, 棟 → 栋, 單 → 单, ＃ → #.
func foldUnit(r rune) rune {
	switch r {
	case '號':
		return '号'
	case '樓':
		return '楼'
	case '棟':
		return '栋'
	case '單':
		return '单'
	case '＃':
		return '#'
	}
	return r
}

func strongUnit(u string) bool {
	switch u {
	case "弄", "室", "房", "幢", "栋", "单元", "号楼", "号院":
		return true
	}
	return false
}

// notHouse reports whether the number that starts at rs[start] and whose
// 号 stands at rs[unit] is a date (10月5号, 10 月 5 号), a document or
// ordinal number (〔2026〕3号, 第3号, 第 3 号) or a line, document or
// machine number (3号线, 1号文).
func notHouse(rs []rune, start, unit int) bool {
	if b := start - spacesBefore(rs, start); b > 0 && strings.ContainsRune("月〕]】)）第字", rs[b-1]) {
		return true
	}
	if start > 0 && isLetter(rs[start-1]) {
		return true
	}
	after := unit + 1 // past 号
	return after < len(rs) && strings.ContainsRune("线文令机台码称字", rs[after])
}

// maxSpaces is how many spaces may stand between the parts of a house
// number (城中北路 99 号, 12 栋 3 单元 501 室; review round 4 H3).
const maxSpaces = 3

func isSpace(r rune) bool { return r == ' ' || r == '\u3000' || r == '\t' }

// spacesAt returns the number of spaces (isSpace, at most maxSpaces) at
// rs[i:], or 0 when more follow.
func spacesAt(rs []rune, i int) int {
	n := 0
	for i+n < len(rs) && isSpace(rs[i+n]) {
		n++
	}
	if n > maxSpaces {
		return 0
	}
	return n
}

// spacesBefore returns the number of spaces (isSpace, at most maxSpaces)
// right before rs[i], or 0 when more precede.
func spacesBefore(rs []rune, i int) int {
	n := 0
	for i-n > 0 && isSpace(rs[i-n-1]) {
		n++
	}
	if n > maxSpaces {
		return 0
	}
	return n
}

// hyphenated reports whether the number rs[start:end], followed by no
// unit, is a house number written with hyphens: building-unit-room
// (38-2-301: three or more groups of one to four digits) anywhere, or two
// groups after a place (住12-301). Not when glued to letters (GB50494-2009),
// after 第 or before 条, 款, 项 … (第1-2-3条), or before a measure (3-5-10米).
func hyphenated(rs []rune, start, end int, place bool) bool {
	if start > 0 && (isLetter(rs[start-1]) || rs[start-1] == '第') ||
		end < len(rs) && (strings.ContainsRune(stopRunes, rs[end]) || strings.ContainsRune("条款项章节页版", rs[end]) || isLetter(rs[end])) {
		return false
	}
	groups, n := 1, 0
	for _, r := range rs[start:end] {
		if r == '-' || r == '－' {
			groups, n = groups+1, 0
			continue
		}
		if !isArabic(r) {
			return false
		}
		if n++; n > 4 {
			return false
		}
	}
	return groups >= 3 || groups == 2 && place
}

func scrubHouses(rs []rune, prot []bool) {
	for i := 0; i < len(rs); {
		if prot[i] || digit(rs[i]) < 0 && !strings.ContainsRune("十百", rs[i]) ||
			i > 0 && digit(rs[i-1]) >= 0 {
			i++
			continue
		}
		type tok struct{ start, end int }
		var toks []tok
		units, strong, firstHan := 0, false, false
		first := ""
		pos, bare := i, i
		for {
			end, han := numToken(rs, prot, pos)
			if end == pos {
				break
			}
			u, n := unitAt(rs, end)
			at := end // where the unit starts
			if sp := spacesAt(rs, end); u == "" && sp > 0 {
				if u, n = unitAt(rs, end+sp); u != "" {
					at = end + sp // 99 号, 1288 弄, 12 栋
				}
			}
			if u == "" && units == 0 {
				bare = end
			}
			if u == "" {
				// A bare number right after a unit is the room: 3栋2单元501.
				// Not one Chinese numeral: 两房一厅 is a flat's layout.
				if units > 0 && !(han && end-pos == 1) && (end >= len(rs) || !strings.ContainsRune(stopRunes, rs[end]) && !isLetter(rs[end])) {
					toks = append(toks, tok{pos, end})
				}
				break
			}
			if u == "号" && notHouse(rs, pos, at) {
				break
			}
			if units == 0 {
				first, firstHan = u, han && end-pos == 1
			}
			toks = append(toks, tok{pos, end})
			units++
			strong = strong || strongUnit(u)
			pos = at + n
			if pos+1 < len(rs) && rs[pos] == '-' && digit(rs[pos+1]) >= 0 {
				pos++
			} else if sp := spacesAt(rs, pos); sp > 0 && pos+sp < len(rs) && digit(rs[pos+sp]) >= 0 {
				pos += sp // 12 栋 3 单元
			}
		}
		mask := false
		b := i - spacesBefore(rs, i)
		place := b > 0 && strings.ContainsRune(placeRunes, rs[b-1]) // 住12楼, 住 12 楼
		switch {
		case len(toks) >= 2:
			mask = strong || first == "号" || place
		case units == 1 && first == "号":
			mask = place
		case units == 1 && strong:
			mask = !firstHan || place
		case units == 1 && (first == "楼" || first == "层"):
			mask = place
		case units == 0 && hyphenated(rs, i, bare, place):
			toks = append(toks, tok{i, bare})
			mask = true
		}
		if !mask {
			i++
			continue
		}
		for _, t := range toks {
			for k := t.start; k < t.end; k++ {
				if rs[k] != '-' && rs[k] != '－' {
					rs[k] = '*'
				}
			}
		}
		i = toks[len(toks)-1].end
	}
}

// Names.

// nameIntros are the words after which a surname starts a person's name
// (户主王建国, 租客王建业), and which, in brackets after a name, say whose
// it is (王建华（户主）). Longest first, so 承租人 is not read as 租人.
var nameIntros = runesOf(sortLongestFirst([]string{
	"户主", "用户", "业主", "房东", "房主", "屋主", "产权人", "租户", "租客", "房客", "租住人", "承租人",
	"住户", "居住人", "使用人", "用气人", "客户", "户名", "联系人", "负责人", "责任人", "当事人", "代理人",
	"老板", "店主", "经营者", "法人", "姓名", "名字", "签收人", "签字人", "收件人", "报修人", "举报人",
	"投诉人", "家属",
	// review of 2026-12-02, round 3 (G6): signatures and witnesses
	"签字", "签名", "签收", "拒签人", "见证人", "法定代表人",
	// review of 2026-12-02 (F6): more lead words, and family words
	"居民", "经营户", "使用者", "承租方", "户主名",
	"之子", "之女", "之妻", "妻子", "丈夫", "儿子", "女儿", "父亲", "母亲", "老伴", "儿媳", "女婿",
	// review round 4 H3: 其子王小明, 老板娘王芳, 告知人：张三丰, 王小明代签
	"其子", "其女", "其妻", "其夫", "其父", "其母", "老板娘", "告知人", "被告知人", "代签", "代签人",
	// traditional forms
	"戶主", "用戶", "業主", "房東", "租戶", "住戶", "聯繫人", "聯系人", "負責人", "責任人", "當事人", "戶名", "客戶", "簽收人",
})...)

// nameLinks may stand between an introducing word and the name, in this
// order, each at most once: a word naming the name (用户名称：李大明, 户主
// 姓名王五), a colon or space, a copula (户主是王建设, 联系人为李明, 租客叫
// 张三), a colon or space.
var (
	nameFields = runesOf("名称", "名稱", "姓名", "名字")
	nameCopula = runesOf("名叫", "叫做", "是", "为", "叫", "系")
)

func sortLongestFirst(ws []string) []string {
	sort.SliceStable(ws, func(i, j int) bool { return utf8.RuneCountInString(ws[i]) > utf8.RuneCountInString(ws[j]) })
	return ws
}

// surnames are common surnames, with the traditional forms of those that
// have one (陳, 張, 劉 …), that are not also common words after 用户
// (于, 方, 白, 金, 高, 任, 余, 万 are left out: 用户于本月搬离, 用户方便时).
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋杜叶程魏苏吕丁沈姚卢姜崔钟谭陆汪范石廖贾夏韦付邹熊孟秦邱侯江尹薛闫段雷黎史陶贺毛郝顾龚邵钱严覃武戴莫孔汤施费俞倪殷庞樊葛陳張劉楊黃趙吳許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒鄭孫馬謝錢龔嚴莊顧劉" +
	// review of 2026-12-02 (F6): more of the common surnames, among them
	// Qingpu's 郁 瞿 盛 季 诸 奚 褚 邬; left out are those that are common
	// words after a lead word or part of a Qingpu place name (金 金泽镇,
	// 华 华新镇, 练 练塘镇, 时 常 向 文 安 关 应 管 单 包 解 申 连 边 车 宁
	// 易 柴 凌 储 宿 尚 齐 路 楼 庄 成 闻 党 司 谈 原 简 明 计 全 阳 卫
	// 乐 水, 伍 a numeral).
	"牛谷祁郁瞿盛季诸奚褚邬甘卓蓝蒲柏柯阮骆鲁童裴卜欧温洪游翟虞岳苗霍鲍巫乔吉仇晏晋聂耿焦纪舒阎邢滕戚毕艾符饶尤麦冉鄢隋缪宗窦栾狄匡钮荣佘习鞠蔺詹桂杭章左盖桑查池商祝晁郜钭芮茅糜荀汝宦俞闵" +
	"肖龙柳鄂亓阚厉戈邰卞伏刁巩祖竺尉薄沙冀郗邸靳寇屠甄裘赖娄慕湛訾廉宫邝贝蔚仲郎仝邴冼岑粟苟穆蒙芦兰"

// compoundSurnames are two-character surnames.
var compoundSurnames = []string{"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "长孙", "宇文", "司徒"}

// notGiven are characters that end a given name: words and marks that
// follow a name in a remark (王建国家, 陈明已搬离, 李强拒绝).
const notGiven = "的家已未在说称表不拒同要自等及和与于将因为是有无户某先女师阿老姓电手住现均都也"

func isHan(r rune) bool {
	return r >= 0x4e00 && r <= 0x9fff || r >= 0x3400 && r <= 0x4dbf || r >= 0x20000 && r <= 0x2ffff
}

// scrubNames masks the given name of a person introduced by one of
// nameIntros (户主王建国, 用户名称：李大明, 户主是王建设), of a person the
// next name of a list continues (户主王建国、李明, 户主王建国,李梅), and of
// a name followed by one of them in brackets (王建华（户主）, 李明(用户)):
// the surname stays, each character of the given name (one or two)
// becomes "*". After the lead word a dash (户主—王建国) and one opening
// bracket or quote may come before the name (户主（王建国）, 户主“王建国”,
// 户主【王建国】, 户主「王建国」); a bracketed name must fill the brackets
// (户主（王建国）, not 用户（黄色软管）). A name with a middle dot or a
// space (户主王·建国, 户主买买提·艾力, 户主王 建国) keeps its first
// character; so does one with a space between every two characters (业主：
// 王 小 明 → 王 * *, review round 4 H3). Review of 2026-12-02, round 3 (G6).
func scrubNames(rs []rune) {
	for i := 0; i < len(rs); i++ {
		if k := bracketRole(rs, i); k > 0 {
			b := i
			for b > 0 && (rs[b-1] == ' ' || rs[b-1] == '\u3000') {
				b-- // 王建华 （户主）
			}
			maskNameBefore(rs, b)
			i += k - 1
			continue
		}
		n := introAt(rs, i)
		if n == 0 {
			continue
		}
		if i >= 2 && prefixAt(rs, i, heads) == n {
			nameBeforeHead(rs, i) // 王建国户主, 由王建国签字
		}
		j := i + n
		field := prefixAt(rs, j, nameFields)
		j += field
		colon := colonAt(rs, j) == 1 && rs[j] != ' ' && rs[j] != '\u3000'
		j += colonAt(rs, j)
		called := prefixAt(rs, j, nameCalled) > 0
		j += prefixAt(rs, j, nameCopula)
		colon = colon || colonAt(rs, j) == 1 && rs[j] != ' ' && rs[j] != '\u3000'
		j += colonAt(rs, j)
		j += dashesAt(rs, j)
		closer := rune(0)
		for c, o := range openers {
			if j < len(rs) && rs[j] == o {
				closer = closers[c]
				j++
				break
			}
		}
		strong := prefixAt(rs, i, personIntros) == n
		owner := prefixAt(rs, i, ownerIntros) == n
		for first := true; ; first = false {
			keep, end := nameSpan(rs, j, closer != 0, strong)
			if end < 0 && first && owner && !objectOf(rs, i) {
				// 户主阿依古丽, 联系人小青, 户主白素贞, 住户 zhang wei; any
				// name after a label (户主：热合曼, 户主姓名 艾力, 户主叫 …)
				keep, end = looseName(rs, j, field > 0 || colon || called || closer != 0)
			}
			if end < 0 || closer != 0 && (end >= len(rs) || rs[end] != closer && !listSep(rs[end])) {
				break
			}
			for m := keep; m < end; m++ {
				if isHan(rs[m]) || isLetter(rs[m]) {
					rs[m] = '*'
				}
			}
			i = end - 1
			// 户主王建国、李明, 户主王建国,李梅: a list of names goes on
			if end+1 < len(rs) && listSep(rs[end]) && (rs[end] != '，' || closer != 0) {
				j = end + 1
				continue
			}
			break
		}
	}
}

// ownerIntros are the lead words that name one particular person (the
// household, its landlord or tenant, a contact): what follows them right
// away is that person's name far more often than for 用户 or 居民, so
// looseName also reads names that start with no common surname there
// (review of 2026-12-02, round 3, G6 residue: 户主阿依古丽, 户主白素贞,
// 联系人小青, 住户 zhang wei).
var ownerIntros = runesOf("户主", "业主", "房东", "房主", "屋主", "产权人", "租户", "租客", "房客", "租住人", "承租人", "承租方",
	"住户", "居住人", "联系人", "负责人", "责任人", "当事人", "代理人", "店主", "经营者", "户名", "户主名", "姓名", "名字",
	"法定代表人", "见证人", "拒签人", "签字人", "签收人", "老板娘", "告知人", "被告知人", "代签人",
	"戶主", "業主", "房東", "租戶", "住戶", "聯繫人", "聯系人", "負責人", "責任人", "當事人", "戶名")

// notLoose are the characters a loose name (looseName) cannot start with:
// adverbs, prepositions and verbs that follow 户主 in a remark (户主回老家,
// 户主对此不满, 户主一人居住, 户主又未整改).
const notLoose = "还又就才只仅每该此这那其刚正很总常偶回去来到从对把被让给向往以按经通并再曾须需应可能会想一二三两几多少很更最都也亦即便虽但而或且若如因所被请让叫没外上下中内前后左右里旁"

// looseWords are two-character words that follow an owner's lead word but
// name no one (户主白天不在家, 户主管道老化, 户主车库, 户主原来住这里,
// 联系人方式, 业主委员会): looseName reads no name where one of them starts.
var looseWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`白天 晚上 早上 中午 今天 明天 后天 昨天 本月 下月 本周 下周 月底 年底 近期 长期 暂时 目前 现在 平时 经常 多次 再次 一直 始终 仍然 依然 马上 立即 尽快 尚未 已经 原来 原先 本人 自己 亲自 全家 家人 夫妇 夫妻 年迈 年纪 年老 身体 行动 生病 病故 住院 去世 过世 出差 上班 工作 打工 外出 外地 在外 搬走 搬离 搬家 出租 租给 购买 更换 安装 整改 维修 处理 确认 知晓 告知 反映 希望 要求 坚持 愿意 配合 答应 承诺 同意 拒绝 联系 电话 手机 方式 方面 方便 签字 签名 签收 签署 管道 车库 阳台 厨房 卫生 卫生间 单位 委员 大会 小区 小时 小孩 小店 小型 小心 老人 老年 高层 高龄 楼上 楼下 楼道 门口 家中 家里 屋内 室内 信息 情况 不详 未填 空白 栏目 一栏 名单 名下 人员 签字栏 证件 身份 户口 户籍 本地 全部 部分 安全 关闭 文明 明确 简单 成功 计划 原因 金额 水表 气表 燃气 钢瓶 气瓶 用气 用户 居民 商户 单元 相关 有关 统一 均已 都已 责任 义务 资质 许可 执照 名称 地址 住址 不明 不清 阿姨 沟通 协商 交流 商量 说明 解释 见面 谈话 约定 意见 态度`) {
		m[w] = true
	}
	return m
}()

// looseName reads the name at rs[j:] after one of ownerIntros when nameSpan
// found none — unless labelled (a colon, 姓名/名称, 叫/名叫/叫做 or a
// bracket after the lead word) only one that starts with a surname of
// wordSurnames or with 阿/小 —: two to four Chinese characters that end the text or stand
// before a character that is not Chinese or one of notGiven (户主阿依古丽已
// 搬离, 联系人小青，, 户主白素贞不在家), that do not start with notLoose or
// notGiven, one of looseWords or another lead word, and are no place. The
// first character stays (阿***, 小*, 白**). A name in Latin letters
// (住户 zhang wei, 联系人 Li Ming) keeps its first word (its surname, or the
// first letter of a name written as one word). keep, end as nameSpan; end
// is -1 when there is no such name.
func looseName(rs []rune, j int, labelled bool) (keep, end int) {
	if j < len(rs) && isLetter(rs[j]) {
		return latinName(rs, j)
	}
	if j >= len(rs) || !isHan(rs[j]) || rs[j] != '阿' && strings.ContainsRune(notLoose+notGiven, rs[j]) || introAt(rs, j) > 0 {
		return 0, -1
	}
	// Unlabelled (户主胶管过长, 户主失联, 户主使用黑气), only a surname left
	// out of surnames as a common word (户主白素贞) or a nickname's 阿/小
	// (户主阿依古丽, 联系人小青) starts a name: any other word after 户主
	// is far more often the hazard or the reason (review round 5, K3).
	if !labelled && !strings.ContainsRune(wordSurnames+"阿小", rs[j]) {
		return 0, -1
	}
	end = j + 1
	for end < len(rs) && isHan(rs[end]) && !strings.ContainsRune(notGiven, rs[end]) {
		end++
	}
	if end-j < 2 || end-j > 4 || looseWords[string(rs[j:j+2])] || end-j >= 3 && looseWords[string(rs[j:j+3])] ||
		placeName(rs, j, end) || notName(rs, j) {
		return 0, -1
	}
	return j + 1, end
}

// nameCalled are the copulas that name (户主叫王五): after them what
// follows is a name, as after a colon (looseName's labelled).
var nameCalled = runesOf("名叫", "叫做", "叫")

// notLatinName are Latin words that follow a lead word but name no one
// (户主 Tel: …, 联系人 WeChat …, 负责人 NA).
var notLatinName = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("tel phone mobile mob cell fax wechat weixin wx qq email mail id no na nil null none unknown ok app sms call msg tbd tba n/a yes pvc lpg kfc dn pe ppr gas") {
		m[w] = true
	}
	return m
}()

// objectOf reports whether the lead word at rs[i] is the object of a verb
// or preposition before it (经与户主沟通, 督促户主整改, 向房东说明): what
// follows is then what is done with that person, not a name, and
// looseName is not tried (a surname still starts a name: 通知户主王建国).
func objectOf(rs []rune, i int) bool {
	if i > 0 && strings.ContainsRune("与和跟同向请让叫给对由被把将帮替", rs[i-1]) {
		return true
	}
	return i >= 2 && prefixAt(rs, i-2, objectVerbs) == 2
}

// objectVerbs are the verbs whose object a lead word can be (objectOf).
var objectVerbs = runesOf("督促", "通知", "告知", "提醒", "要求", "联系", "协助", "帮助", "劝说", "动员", "约谈", "说服", "陪同", "指导", "教育", "询问", "答复", "回复")

// latinName reads a name in Latin letters at rs[j:]: one or two words of
// 2 to 12 letters, the second after one space (zhang wei, Li Ming,
// zhangwei), followed by the end of the text or a character that is not a
// letter or digit. Of two words the second is masked, of one all but its
// first letter.
func latinName(rs []rune, j int) (keep, end int) {
	word := func(k int) int {
		e := k
		for e < len(rs) && isLetter(rs[e]) {
			e++
		}
		if e-k < 2 || e-k > 12 || e < len(rs) && digit(rs[e]) >= 0 {
			return -1
		}
		return e
	}
	e1 := word(j)
	if e1 < 0 || notLatinName[strings.ToLower(string(rs[j:e1]))] || e1 < len(rs) && strings.ContainsRune(":：.@_-/", rs[e1]) ||
		strings.ToUpper(string(rs[j:e1])) == string(rs[j:e1]) && e1-j <= 4 { // LPG, PVC, KFC: abbreviations
		return 0, -1 // 户主 Tel: 137…, 联系人 wechat
	}
	if e1+1 < len(rs) && rs[e1] == ' ' && isLetter(rs[e1+1]) {
		if e2 := word(e1 + 1); e2 > 0 {
			return e1 + 1, e2
		}
		return 0, -1
	}
	return j + 1, e1
}

// personIntros are the lead words that only a person's name follows (a
// signature or a witness): after them the surnames left out of surnames
// as common words (wordSurnames) start a name too: 法定代表人白素贞,
// 见证人高建国 (review of 2026-12-02, round 3, G6).
var personIntros = runesOf("法定代表人", "见证人", "拒签人", "签字人", "签收人")

// wordSurnames are surnames left out of surnames because they start
// common words after 用户 or Qingpu place names (于 时 常 stay out even
// here: 于本月, 时间, 常住).
const wordSurnames = "方白高任余万金华练庄路楼向文安关应管单包解申连边车宁易柴凌储宿尚齐成闻党司谈原简明计全阳卫乐水伍"

// heads are the lead words that may also follow the name they introduce:
// 王建国户主, 王建国签字, 由王建国签名, 由王小明代签 (nameBeforeHead).
var heads = runesOf("户主", "签字", "签名", "签收", "代签")

// openers and closers are the brackets and quotes a name may stand in
// after a lead word (户主（王建国）), pairwise.
var (
	openers = []rune("（(【[“\"「『《〈‘'")
	closers = []rune("）)】]”\"」』》〉’'")
)

// listSep reports whether r separates the names of a list (王建国、李梅,
// 王建国,李梅); the full-width comma only inside brackets (户主（王建国，李梅）).
func listSep(r rune) bool { return r == '、' || r == ',' || r == '，' }

// dashesAt returns the length of the dashes, with a space either side,
// that may stand between a lead word and a name (户主—王建国, 户主——王建国,
// 户主 - 王建国), or 0.
func dashesAt(rs []rune, i int) int {
	j := i
	for j < len(rs) && j-i < 2 && strings.ContainsRune("—–―─-－", rs[j]) {
		j++
	}
	if j == i {
		return 0
	}
	return j - i + colonAt(rs, j)
}

// nameDots are the middle dots of transliterated names (买买提·艾力).
const nameDots = "·・•‧"

// nameSpan finds the name at rs[j:] and returns where its masked part
// starts (after the surname, or after the first character of a name with
// a middle dot) and where the name ends; end is -1 when no name starts
// there or it is a place (用户夏阳街道). Forms: a surname and one or two
// characters not of notGiven (王建国, 孟姜女 before a character
// that is not Chinese: givenLast), the given name after a middle dot or a
// space (王·建国, 王 建国, and 王 小 明 with the same space twice), one to
// four characters, a middle dot and one to five (买买提·艾力). In brackets (inBrackets) the given name may hold
// notGiven characters and three characters (户主“孟姜女”): the caller
// checks that the brackets close right after it. After one of
// personIntros (strong) a name may start with one of wordSurnames.
func nameSpan(rs []rune, j int, inBrackets, strong bool) (keep, end int) {
	if j >= len(rs) || !isHan(rs[j]) {
		return 0, -1
	}
	k := surnameAt(rs, j)
	if k == 0 && strong && strings.ContainsRune(wordSurnames, rs[j]) {
		k = 1 // 法定代表人白素贞
	}
	if k == 0 {
		// 买买提·艾力: no surname, a middle dot
		e := j
		for e < len(rs) && e-j < 4 && isHan(rs[e]) {
			e++
		}
		if e >= len(rs) || !strings.ContainsRune(nameDots, rs[e]) {
			return 0, -1
		}
		f := e + 1
		for f < len(rs) && f-e-1 < 5 && isHan(rs[f]) {
			f++
		}
		if f == e+1 || placeName(rs, j, f) {
			return 0, -1
		}
		return j + 1, f
	}
	g := j + k
	spaced := false
	if g < len(rs) && (strings.ContainsRune(nameDots, rs[g]) || rs[g] == ' ' || rs[g] == '\u3000') &&
		g+1 < len(rs) && isHan(rs[g+1]) && !strings.ContainsRune(notGiven, rs[g+1]) {
		spaced = rs[g] == ' ' || rs[g] == '\u3000'
		g++ // 王·建国, 王 建国
	}
	end = g
	for end < len(rs) && end-g < 2 && isHan(rs[end]) && (inBrackets || !strings.ContainsRune(notGiven, rs[end])) {
		end++
	}
	if spaced && end == g+1 && end+1 < len(rs) && rs[end] == rs[g-1] && isHan(rs[end+1]) &&
		(inBrackets || !strings.ContainsRune(notGiven, rs[end+1])) {
		end += 2 // 王 小 明: one space between every two characters (review round 4 H3)
	}
	if end == g+1 && end < len(rs) && strings.ContainsRune(givenLast, rs[end]) && (end+1 == len(rs) || !isHan(rs[end+1])) {
		end++ // 签字：孟姜女。
	}
	if placeName(rs, g, end) || notName(rs, j) {
		return 0, -1
	}
	return j + k, end
}

// givenLast are characters of notGiven that end a given name when the
// text goes on with no Chinese character (孟姜女, 王大同).
const givenLast = "女同"

// notNames are words that start with a surname and follow a lead word
// but name no one (签字盖章).
var notNames = runesOf("盖章")

func notName(rs []rune, j int) bool {
	return prefixAt(rs, j, notNames) > 0
}

// nameBeforeHead masks the given name of a name written right before one
// of heads at rs[b] without brackets (王建国户主, 王建国签字, review of
// 2026-12-02 F6 and round 3 G6): two or three characters starting with a
// surname, at the start of the text or after a character that is not
// Chinese or after 由 (由王建国签字), whose given name holds none of
// notGiven (张家宅户主 is a place).
func nameBeforeHead(rs []rune, b int) {
	for _, size := range []int{3, 2} {
		j := b - size
		if j < 0 || surnameAt(rs, j) != 1 || j > 0 && isHan(rs[j-1]) && rs[j-1] != '由' {
			continue
		}
		ok := true
		for m := j + 1; m < b; m++ {
			ok = ok && isHan(rs[m]) && !strings.ContainsRune(notGiven, rs[m])
		}
		if !ok {
			continue
		}
		for m := j + 1; m < b; m++ {
			rs[m] = '*'
		}
		return
	}
}

// placeWords are characters of place names (towns, villages, 居委会,
// roads) that a given name hardly holds.
const placeWords = "镇街村路宅浜港泾巷弄桥湾园苑区社坊塘居第"

// placeName reports whether the "given name" rs[g:end] after a surname is
// part of a place name: it holds one of placeWords, or one follows it
// (用户夏阳街道, 居民赵巷镇, 户主章浜社区居委会 — 夏, 赵, 章 are surnames).
func placeName(rs []rune, g, end int) bool {
	for m := g; m < end; m++ {
		if strings.ContainsRune(placeWords, rs[m]) {
			return true
		}
	}
	return end < len(rs) && strings.ContainsRune(placeWords, rs[end])
}

// bracketRole returns the length of the bracketed introducing word at
// rs[i:] — （户主）, (用户), 【租客】 — or 0.
func bracketRole(rs []rune, i int) int {
	if i >= len(rs) || !strings.ContainsRune("（(【[", rs[i]) {
		return 0
	}
	n := introAt(rs, i+1)
	if n == 0 || i+1+n >= len(rs) || !strings.ContainsRune("）)】]", rs[i+1+n]) {
		return 0
	}
	return n + 2
}

// maskNameBefore masks the given name of the name that ends right before
// rs[b]: three characters starting with a surname (王建华（户主）), else two
// (通知李明（户主）); a compound surname takes one more (欧阳娜娜（户主）).
func maskNameBefore(rs []rune, b int) {
	for _, size := range []int{3, 2} {
		for _, c := range []int{2, 1} {
			j := b - size - (c - 1)
			if j < 0 || surnameAt(rs, j) != c {
				continue
			}
			ok := true
			for m := j; m < b; m++ {
				ok = ok && isHan(rs[m]) && (m < j+c || !strings.ContainsRune(notGiven, rs[m]))
			}
			if !ok {
				continue
			}
			for m := j + c; m < b; m++ {
				rs[m] = '*'
			}
			return
		}
	}
}

// prefixAt returns the length of the first of ws that rs[i:] starts with,
// or 0.
func prefixAt(rs []rune, i int, ws [][]rune) int {
	for _, w := range ws {
		if i+len(w) <= len(rs) && equalRunes(rs[i:i+len(w)], w) {
			return len(w)
		}
	}
	return 0
}

func equalRunes(a, b []rune) bool {
	for k := range b {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// runesOf converts each of ws to runes, once, for prefixAt.
func runesOf(ws ...string) [][]rune {
	out := make([][]rune, len(ws))
	for i, w := range ws {
		out[i] = []rune(w)
	}
	return out
}

// colonAt returns 1 when rs[i] is a colon or a space, else 0.
func colonAt(rs []rune, i int) int {
	if i < len(rs) && strings.ContainsRune("：: \u3000", rs[i]) {
		return 1
	}
	return 0
}

func introAt(rs []rune, i int) int { return prefixAt(rs, i, nameIntros) }

func surnameAt(rs []rune, i int) int {
	for _, w := range compoundSurnames {
		if i+2 <= len(rs) && string(rs[i:i+2]) == w {
			return 2
		}
	}
	if i < len(rs) && strings.ContainsRune(surnames, rs[i]) {
		return 1
	}
	return 0
}
