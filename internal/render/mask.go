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
// is cut before its first digit (ASCII or full-width) and "…" appended, so
// 朱家角镇城中东路983弄38号503室 → 朱家角镇城中东路…. An address without
// digits is returned as is.
func MaskAddress(s string) string {
	s = strings.TrimSpace(s)
	for i, r := range s {
		if unicode.IsDigit(r) {
			return strings.TrimSpace(s[:i]) + "…"
		}
	}
	return s
}

// ScrubText masks what looks like a phone number inside free text (a run
// of digits and inner hyphens with a group of seven or more digits, so
// 021-59720000 is masked and 2026-10-05 is not), for the remarks and
// descriptions shown in the public build.
func ScrubText(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); {
		if !unicode.IsDigit(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j, group, longest := i, 0, 0
		for j < len(rs) && (unicode.IsDigit(rs[j]) || rs[j] == '-' && j+1 < len(rs) && unicode.IsDigit(rs[j+1])) {
			if unicode.IsDigit(rs[j]) {
				group++
				longest = max(longest, group)
			} else {
				group = 0
			}
			j++
		}
		run := string(rs[i:j])
		if longest >= 7 {
			run = MaskMobile(run)
		}
		b.WriteString(run)
		i = j
	}
	return b.String()
}

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
