package render

import (
	"strings"
	"unicode"
)

// Masking of personal data in the public build (DESIGN.md "Site": default
// audience is public). Each function returns "" for "".

// MaskName keeps the first character of a user name and replaces every
// other one with "*": 张三 → 张*, 欧阳娜娜 → 欧***. It is used for every user
// type (a 餐饮 shop name may be the owner's name).
func MaskName(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) == 0 {
		return ""
	}
	return string(r[0]) + strings.Repeat("*", len(r)-1)
}

// MaskMobile masks the middle of a phone number, keeping the first three and
// the last four characters: 13800138000 → 138****8000. A number shorter than
// eight characters is masked entirely.
func MaskMobile(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) == 0 {
		return ""
	}
	if len(r) < 8 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:3]) + strings.Repeat("*", len(r)-7) + string(r[len(r)-4:])
}

// MaskAddress drops the house number and everything after it: the address
// is cut before its first digit (ASCII or full-width) or its first Chinese
// numeral that starts a house number (二十八号, 三弄, 五组), and "…" is
// appended, so 朱家角镇城中东路983弄38号503室 → 朱家角镇城中东路… and
// 沈巷村东庄二十八号 → 沈巷村东庄…. An address without either is returned
// as is.
func MaskAddress(s string) string {
	s = strings.TrimSpace(s)
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsDigit(r) || isHanNumeral(r) && startsHouseNumber(rs[i:]) {
			return strings.TrimSpace(string(rs[:i])) + "…"
		}
	}
	return s
}

func isHanNumeral(r rune) bool {
	return strings.ContainsRune("〇零一二三四五六七八九十百两", r)
}

// startsHouseNumber reports whether rs starts with Chinese numerals followed
// by a unit of a house address.
func startsHouseNumber(rs []rune) bool {
	i := 0
	for i < len(rs) && isHanNumeral(rs[i]) {
		i++
	}
	return i > 0 && i < len(rs) && strings.ContainsRune("号弄室栋幢组队排户楼巷单", rs[i])
}

// ScrubText masks what looks like a phone number inside free text: a run
// of digits joined by hyphens, spaces, dots or brackets that holds ten or
// more digits, or a group of seven or more (so 138-0013-8111,
// (021)5972 3333 and 59720000 are masked, 2026-10-05 is not). Every digit
// but the first three and the last four becomes "*"; separators stay.
func ScrubText(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); {
		if !unicode.IsDigit(rs[i]) && !(rs[i] == '(' || rs[i] == '（') {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j, group, longest, digits := i, 0, 0, 0
		for j < len(rs) {
			r := rs[j]
			if unicode.IsDigit(r) {
				group++
				digits++
				longest = max(longest, group)
				j++
				continue
			}
			if isPhoneSep(r) && j+1 < len(rs) && (unicode.IsDigit(rs[j+1]) || isPhoneSep(rs[j+1]) && j+2 < len(rs) && unicode.IsDigit(rs[j+2])) {
				group = 0
				j++
				continue
			}
			break
		}
		if j == i { // a lone bracket
			b.WriteRune(rs[i])
			i++
			continue
		}
		run := rs[i:j]
		if digits >= 10 || longest >= 7 {
			seen := 0
			for k, r := range run {
				if unicode.IsDigit(r) {
					seen++
					if seen > 3 && seen <= digits-4 {
						run[k] = '*'
					}
				}
			}
		}
		b.WriteString(string(run))
		i = j
	}
	return b.String()
}

func isPhoneSep(r rune) bool { return strings.ContainsRune("-— .()（）", r) }

// masker applies the masking of one build: identity for an internal build.
type masker struct{ internal bool }

func (m masker) name(s string) string {
	if m.internal {
		return s
	}
	return MaskName(s)
}

// phone returns a household phone: hidden entirely in the public build.
func (m masker) phone(s string) string {
	if m.internal {
		return s
	}
	return ""
}

func (m masker) address(s string) string {
	if m.internal {
		return s
	}
	return MaskAddress(s)
}

// office returns a liaison's office phone: shown, unless it is really a
// mobile number (1[3-9] and 11 digits), which is masked like one.
func (m masker) office(s string) string {
	d := strings.NewReplacer("-", "", " ", "").Replace(s)
	if !m.internal && len(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9' {
		return MaskMobile(d)
	}
	return s
}

func (m masker) mobile(s string) string {
	if m.internal {
		return s
	}
	return MaskMobile(s)
}

func (m masker) text(s string) string {
	if m.internal {
		return s
	}
	return ScrubText(s)
}
