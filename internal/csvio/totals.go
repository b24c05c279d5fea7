package csvio

import (
	"strings"
	"unicode/utf8"
)

// totalsRow reports whether a data record is a totals row that Excel
// users add below their data ("合计,,,…" and ",,,…,共2条", review F7):
// it has at least one totals label (totalsLabel) and every other
// non-empty cell is a number (a sum Excel computed). It returns the
// labels, as written (trimmed), for the message. No real row of any form
// qualifies: each has a hazard id, a status or a town name, none of which
// is a label or a number. The first non-empty cell decides for almost
// every row (an id "E01-…" is neither), so this costs a real row one look.
func totalsRow(cells []string) (labels []string, ok bool) {
	for _, c := range cells {
		c = strings.TrimSpace(c)
		f := strings.TrimSpace(FoldWidth(c))
		switch {
		case f == "":
		case totalsLabel(f):
			labels = append(labels, c)
		case number(f):
		default:
			return nil, false
		}
	}
	return labels, len(labels) > 0
}

// totalsLabel reports whether s (trimmed, half-width) is a totals label:
// 合计, 总计, 小计 or 共计, optionally followed by a colon and a count, or
// 共 N 条 (户, 处, 项, 行, 个, 家) — with spaces allowed between the parts.
func totalsLabel(s string) bool {
	rest, ok := "", false
	for _, w := range []string{"合计", "总计", "小计", "共计", "共"} {
		if strings.HasPrefix(s, w) {
			rest, ok = s[len(w):], true
			break
		}
	}
	if !ok {
		return false
	}
	rest = strings.TrimLeft(rest, " :：")
	n := len(rest)
	rest = strings.TrimLeft(rest, "0123456789 ")
	digits := n > len(rest)
	if strings.HasPrefix(s, "共") && !strings.HasPrefix(s, "共计") && !digits {
		return false // 共 alone is a word, 共2条 a count
	}
	if rest == "" {
		return true
	}
	r, size := utf8.DecodeRuneInString(rest)
	return digits && size == len(rest) && strings.ContainsRune("条户处项行个家", r)
}

// number reports whether s is a number as Excel shows a sum: digits with
// an optional sign, thousands commas and one decimal point.
func number(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == ',' && i > 0:
		case c == '.' && !dot && i > 0:
			dot = true
		default:
			return false
		}
	}
	return true
}
