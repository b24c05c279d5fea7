// Package privacy masks personal data for the public build (DESIGN.md
// "Site": the default audience is public). It holds the treatments a schema
// column declares with "x-personal" (Treatment) and the scanner of free
// text for phone numbers and house numbers (Scrub).
//
// privacy is pure — no I/O, no clock — and depends on nothing in lpg, so
// form (which reads the schemas) and render (which applies them) can both
// use it.
package privacy

import (
	"strings"
	"unicode"
)

// Treatment is how the public build publishes a personal column: the value
// of the column's "x-personal" keyword in its JSON Schema. The internal
// build publishes every column as is.
type Treatment string

// The treatments. A column without "x-personal" (None) is published as is;
// every other treatment also runs the free-text scanner (Scrub) over what
// it keeps, so a phone typed into a name or an address never slips out.
const (
	None    Treatment = ""
	Name    Treatment = "name"    // only the first character: 张三 → 张*
	Phone   Treatment = "phone"   // 138****8000: first three and last four digits
	Address Treatment = "address" // cut at the house number: 青浦路99弄7号 → 青浦路…
	Drop    Treatment = "drop"    // not published: column left out of downloads, blank on pages
	Scan    Treatment = "scan"    // free text: phones and house numbers inside are masked
	Office  Treatment = "office"  // an official's office phone: shown, unless it is a mobile (then as Phone)
)

// Treatments lists every valid treatment but None, in documentation order.
var Treatments = []Treatment{Name, Phone, Address, Drop, Scan, Office}

// Valid reports whether t is a known treatment (None included).
func (t Treatment) Valid() bool {
	if t == None {
		return true
	}
	for _, x := range Treatments {
		if t == x {
			return true
		}
	}
	return false
}

// Published reports whether the public build shows the column at all.
func (t Treatment) Published() bool { return t != Drop }

// Apply returns the public form of value s of a column with treatment t.
// It panics on an unknown treatment, which form rules out when it reads
// the schemas.
func (t Treatment) Apply(s string) string {
	switch t {
	case None:
		return s
	case Name:
		return Scrub(MaskName(s))
	case Phone:
		return MaskPhone(s)
	case Address:
		return Scrub(MaskAddress(s))
	case Drop:
		return ""
	case Scan:
		return Scrub(s)
	case Office:
		if reMobile.MatchString(digitsOf(s)) {
			return MaskPhone(s)
		}
		return s
	}
	panic("privacy: unknown treatment " + string(t))
}

// MaskName keeps the first character of a name and replaces every other
// one with "*": 张三 → 张*, 欧阳娜娜 → 欧***. It is used for every user
// type (a 餐饮 shop name may be the owner's name).
func MaskName(s string) string {
	r := []rune(strings.TrimSpace(s))
	switch len(r) {
	case 0:
		return ""
	case 1: // a one-character name would be shown whole
		return "*"
	}
	return string(r[0]) + strings.Repeat("*", len(r)-1)
}

// MaskPhone masks a phone number: of eleven or more digits (in any
// notation: ASCII, full-width, Chinese numerals) all but the first three
// and the last four become "*" (13800138000 → 138****8000, 021-59720000 →
// 021-****0000); a shorter one is masked entirely. Separators stay.
func MaskPhone(s string) string {
	rs := []rune(strings.TrimSpace(s))
	var idx []int
	for i, r := range rs {
		if digit(r) >= 0 {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return string(rs)
	}
	maskDigits(rs, idx)
	return string(rs)
}

// maskDigits masks the digits of rs at positions idx: keeping the first
// three and the last four when there are eleven or more, else all.
func maskDigits(rs []rune, idx []int) {
	keep := len(idx) >= 11
	for k, i := range idx {
		if keep && (k < 3 || k >= len(idx)-4) {
			continue
		}
		rs[i] = '*'
	}
}

// MaskAddress drops the house number and everything after it: the address
// is cut before its first digit (ASCII or full-width) or its first Chinese
// numeral that starts a house number (二十八号, 三弄, 五组), and "…" is
// appended, so 朱家角镇城中东路983弄38号503室 → 朱家角镇城中东路… and
// 沈巷村东庄二十八号 → 沈巷村东庄…. An address without either is cut after
// its last place word (路, 街道, 村, 宅, 弄, …) when more text follows it —
// 李庄村张家宅王建国家 → 李庄村张家宅…, for what follows a place without a
// number is a household (often its head's name) — else returned as is
// (金泽镇西岑村张家宅). The same holds before a number: when letters other
// than place words lie between the last place word and the number, the
// address is cut after that place word, so 夏阳街道东方村张建华家（16组） and
// 东方村王建国家旁12号 → …东方村… (rural addresses name the household
// first: review round 3 G11); 东方村（16组） → 东方村（… as before. A
// household's name right before the 宅 that ends the address or precedes
// its number (华新镇凤溪 王建国宅, 东方村王建国宅12号: householdBefore) is
// cut too: 华新镇凤溪…, 东方村… (review round 4 H3); 张家宅 and 钱宅 are
// places and stay.
func MaskAddress(s string) string {
	s = strings.TrimSpace(s)
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsDigit(r) || digit(r) >= 0 && !isHanNumeral(r) || isHanNumeral(r) && startsHouseNumber(rs[i:]) {
			return strings.TrimSpace(string(rs[:afterLastPlace(rs[:i])])) + "…"
		}
	}
	for i := len(rs) - 1; i >= 0; i-- {
		if strings.ContainsRune(addressPlaces, rs[i]) {
			if j := householdBefore(rs, i); j >= 0 {
				return strings.TrimSpace(string(rs[:j])) + "…" // 华新镇凤溪 王建国宅 → 华新镇凤溪…
			}
			if i == len(rs)-1 {
				return s
			}
			return string(rs[:i+1]) + "…"
		}
	}
	return s
}

// householdBefore returns where the name of a household that ends right
// before the 宅 at rs[i] starts (王建国宅, 王强宅: a common surname and one
// or two characters that are none of notGiven, 家 among them, nor of
// placeWords), or -1: 张家宅, 钱宅, 王泾宅 are places (review round 4 H3).
func householdBefore(rs []rune, i int) int {
	if rs[i] != '宅' {
		return -1
	}
	for _, size := range []int{3, 2} {
		for _, c := range []int{2, 1} {
			j := i - size - (c - 1)
			if j < 0 || surnameAt(rs, j) != c {
				continue
			}
			ok := true
			for _, r := range rs[j+c : i] {
				ok = ok && isHan(r) && !strings.ContainsRune(notGiven+placeWords, r)
			}
			if ok {
				return j
			}
		}
	}
	return -1
}

// afterLastPlace is the end of the address part rs (the text before the
// house number): len(rs), unless a letter (a household's name: 张建华家)
// follows rs's last place word, then the position just after that word.
// Without a place word it is len(rs).
func afterLastPlace(rs []rune) int {
	for i := len(rs) - 1; i >= 0; i-- {
		if strings.ContainsRune(addressPlaces, rs[i]) {
			if j := householdBefore(rs, i); j >= 0 {
				return j // 东方村王建国宅12号 → 东方村…
			}
			for _, r := range rs[i+1:] {
				if unicode.IsLetter(r) {
					return i + 1
				}
			}
			return len(rs)
		}
	}
	return len(rs)
}

// addressPlaces are the words that end a place in an address.
const addressPlaces = "路街道巷弄里坊村宅庄苑园浜泾港湾桥镇"

func isHanNumeral(r rune) bool {
	return strings.ContainsRune("〇○零一二三四五六七八九十百两幺壹贰叁肆伍陆柒捌玖拾", r)
}

// startsHouseNumber reports whether rs starts with Chinese numerals followed
// by a unit of a house address.
func startsHouseNumber(rs []rune) bool {
	i := 0
	for i < len(rs) && isHanNumeral(rs[i]) {
		i++
	}
	return i > 0 && i < len(rs) && strings.ContainsRune("号弄室栋幢组队排户楼巷单层座", rs[i])
}

// digitsOf returns the ASCII digits of s, in any notation.
func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if d := digit(r); d >= 0 {
			b.WriteByte(byte('0' + d))
		}
	}
	return b.String()
}
