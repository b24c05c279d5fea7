package csvio

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"lpg/internal/calendar"
	"lpg/internal/privacy"
)

// StripInvisible removes NUL and every character text shows as nothing
// (privacy.Invisible: format characters such as the soft hyphen U+00AD,
// zero-width space U+200B, LRM U+200E, bidi isolates U+2066–U+2069, BOM
// U+FEFF; variation selectors; U+034F; Hangul fillers) and turns no-break
// and ideographic spaces into plain spaces, then trims surrounding blanks.
// The warning value.invisible ("不可见字符或特殊空格已去除") says so.
func StripInvisible(s string) string {
	if clean(s) {
		return s
	}
	if isPlain(s) || !hasInvisible(s) {
		return trimSpace(s)
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\x00':
			continue
		case '\u00A0', '\u3000', '\u2002', '\u2003', '\u2009', '\u202F':
			b.WriteRune(' ')
		default:
			if !privacy.Invisible(r) {
				b.WriteRune(r)
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// InvisibleIn lists, as "U+00AD、U+200B", the distinct characters of s
// that StripInvisible removes or turns into a plain space, in order of
// first appearance (at most five, then "…"), for the message of the
// warning value.invisible (review of 2026-12-02, F13: a value with a soft
// hyphen looks like one without). "" when there is none.
func InvisibleIn(s string) string {
	var out []string
	seen := map[rune]bool{}
	for _, r := range s {
		switch {
		case seen[r]:
			continue
		case r == '\x00', r == '\u00A0', r == '\u3000', r == '\u2002', r == '\u2003', r == '\u2009', r == '\u202F', privacy.Invisible(r):
		default:
			continue
		}
		seen[r] = true
		if len(out) == 5 {
			out = append(out, "…")
			break
		}
		out = append(out, fmt.Sprintf("U+%04X", r))
	}
	return strings.Join(out, "、")
}

// trimSpace is strings.TrimSpace, returning s at once when it neither
// starts nor ends with a blank (TrimSpace walks rune by rune from both
// ends once it meets a non-ASCII byte, as every Chinese cell has).
func trimSpace(s string) string {
	if s == "" {
		return s
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if first != utf8.RuneError && last != utf8.RuneError && !unicode.IsSpace(first) && !unicode.IsSpace(last) {
		return s
	}
	return strings.TrimSpace(s)
}

// hasInvisible reports whether s holds a character StripInvisible removes
// or turns into a space (the common case, Chinese text without any, then
// costs no allocation).
func hasInvisible(s string) bool {
	for _, r := range s {
		switch r {
		case '\x00', '\u00A0', '\u3000', '\u2002', '\u2003', '\u2009', '\u202F', utf8.RuneError:
			return true // (an invalid byte too: the slow path turns it into U+FFFD)
		}
		if privacy.Invisible(r) {
			return true
		}
	}
	return false
}

// hasWide reports whether s holds a character FoldWidth changes.
func hasWide(s string) bool {
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ',
			r == '－', r == '／', r == '．', r == '：', r == '＋', r == '＠', r == '＿', r == '\u3000', r == utf8.RuneError:
			return true
		}
	}
	return false
}

// clean reports, in one pass over the bytes of s, that StripInvisible,
// FoldWidth and strings.TrimSpace would all return s unchanged (issue 14:
// the common cell — ASCII, or Chinese text with its punctuation — then
// costs no further pass). It is conservative: false means "look closer",
// not "changes". True needs s to be valid UTF-8 with neither NUL nor a
// blank at either end, in which every character that is not ASCII or a
// Chinese character (lead bytes E4–E9, U+4000–U+9FFF, where none of
// those characters lies) passes keep: no character StripInvisible
// removes or turns into a space, none FoldWidth folds, no Unicode space,
// no U+FFFD. Four-byte characters and the lead bytes E0, ED (whose
// second byte has a narrower range) are left to the rune-by-rune path.
// TestClean and FuzzClean hold it to that.
func clean(s string) bool {
	n := len(s)
	if n == 0 {
		return true
	}
	if asciiBlank(s[0]) || asciiBlank(s[n-1]) {
		return false
	}
	for i := 0; i < n; {
		b := s[i]
		switch {
		case b < 0x80:
			if b == 0 {
				return false
			}
			i++
		case b >= 0xE4 && b <= 0xE9:
			if i+2 >= n || s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 {
				return false
			}
			i += 3
		case b >= 0xE1 && b <= 0xEF && b != 0xED:
			if i+2 >= n || s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 {
				return false
			}
			if !keep(rune(b&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)) {
				return false
			}
			i += 3
		case b >= 0xC2 && b <= 0xDF:
			if i+1 >= n || s[i+1]&0xC0 != 0x80 {
				return false
			}
			if !keep(rune(b&0x1F)<<6 | rune(s[i+1]&0x3F)) {
				return false
			}
			i += 2
		default:
			return false
		}
	}
	return true
}

// keep reports whether clean may pass r: it is not one StripInvisible
// or FoldWidth changes (hasInvisible, hasWide), not a Unicode space and
// not U+FFFD.
func keep(r rune) bool {
	switch {
	case r == utf8.RuneError, privacy.Invisible(r),
		r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ',
		r == '－', r == '／', r == '．', r == '：', r == '＋', r == '＠', r == '＿':
		return false
	}
	return !unicode.IsSpace(r)
}

// asciiBlank reports whether b is one of the ASCII bytes unicode.IsSpace accepts.
func asciiBlank(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r'
}

func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// FoldWidth turns full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ),
// the ideographic space and the full-width separators used in codes,
// dates and phones (－ ／ ． ： ＋ ＠ ＿) into their ASCII forms. Chinese
// punctuation such as （） and 、 is kept: it belongs to names.
func FoldWidth(s string) string {
	if clean(s) || isPlain(s) || !hasWide(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ',
			r == '－', r == '／', r == '．', r == '：', r == '＋', r == '＠', r == '＿':
			b.WriteRune(r - 0xFEE0)
		case r == '\u3000':
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Cleaned is the result of a normaliser: the value to use, and whether it
// differs from what was written (the caller reports that as a warning).
type Cleaned struct {
	Value   string
	Changed bool
}

// CleanText trims blanks and removes invisible characters from free text.
func CleanText(s string) Cleaned {
	if clean(s) {
		return Cleaned{s, false}
	}
	v := StripInvisible(s)
	return Cleaned{v, v != s && trimSpace(s) != v}
}

// CleanCode trims, removes invisible characters and folds full-width digits
// and letters: for codes, ids, phones and dates.
func CleanCode(s string) Cleaned {
	if clean(s) {
		return Cleaned{s, false}
	}
	v := trimSpace(FoldWidth(StripInvisible(s)))
	return Cleaned{v, v != trimSpace(s)}
}

var (
	reSlashDate = regexp.MustCompile(`^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$`)
	reCJKDate   = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$`)
	reCompact   = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	reSerial    = regexp.MustCompile(`^\d{5}(\.0+)?$`)
	reDateTime  = regexp.MustCompile(`^(\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2})?$`)
	// Two-digit years, year first: what LibreOffice with Chinese settings
	// writes for a date typed as 2026/11/10 (26年11月10日), and 26/11/10.
	reShortCJK   = regexp.MustCompile(`^(\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$`)
	reShortSlash = regexp.MustCompile(`^(\d{2})[/.\-](\d{1,2})[/.\-](\d{1,2})$`)
	// Month first, year last: the short date of English Excel and
	// LibreOffice (10/19/26, 10/5/2026), which a CSV saved "as shown" holds.
	reMonthFirst = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$`)
)

// DateError says why a date cell could not be read.
type DateError struct {
	Value  string
	Exists bool // the form was recognised but the date does not exist (2026-07-32)
	// ShortYear is set when the cell has a two-digit year, year first
	// (26年11月10日, 26/11/10): Date is that day in 20YY. Whether that reading
	// is safe depends on the file (ShortYearIn); ParseDate alone refuses it.
	ShortYear bool
	Date      calendar.Date
	// MonthFirst is the day the cell names when read month first, year
	// last (10/19/26 and 10/19/2026 → 2026-10-19; a two-digit year is
	// 20YY), as English Excel and LibreOffice show and save a date; zero
	// when that reading is no date. ParseDate never accepts it (10/5 may
	// be 5 October or 10 May): it is only for the message.
	MonthFirst calendar.Date
}

func (e *DateError) Error() string {
	switch {
	case e.ShortYear:
		return fmt.Sprintf("date %q has a two-digit year", e.Value)
	case e.Exists:
		return fmt.Sprintf("date %q does not exist", e.Value)
	}
	return fmt.Sprintf("date %q is not in a known form", e.Value)
}

// ParseDate reads a date cell in any form DESIGN.md accepts: 2026-10-05,
// 2026/10/5, 2026.10.05, 2026年10月5日, 20261005, an Excel serial number
// (45935 = 2025-10-05; the 1900 system with its leap-year bug, as
// excelize.ExcelDateToTime does) and a date with a 00:00 time. The string
// has been through CleanCode. The result's Changed is true when the cell was
// not already YYYY-MM-DD.
func ParseDate(s string) (calendar.Date, bool, error) {
	if s == "" {
		return calendar.Date{}, false, nil
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' && isASCIIDigits(s[:4]) && isASCIIDigits(s[5:7]) && isASCIIDigits(s[8:]) {
		// YYYY-MM-DD, by far the most common: what reSlashDate below gives, without the regexps
		dt, err := calendar.Valid(atoi(s[:4]), atoi(s[5:7]), atoi(s[8:]))
		if err != nil {
			return calendar.Date{}, false, &DateError{Value: s, Exists: true}
		}
		return dt, false, nil
	}
	if m := reDateTime.FindStringSubmatch(s); m != nil {
		d, _, err := ParseDate(m[1])
		return d, true, err
	}
	var y, mo, d int
	switch {
	case reSlashDate.MatchString(s):
		m := reSlashDate.FindStringSubmatch(s)
		y, mo, d = atoi(m[1]), atoi(m[2]), atoi(m[3])
	case reCJKDate.MatchString(s):
		m := reCJKDate.FindStringSubmatch(s)
		y, mo, d = atoi(m[1]), atoi(m[2]), atoi(m[3])
	case reShortCJK.MatchString(s), reShortSlash.MatchString(s):
		m := reShortCJK.FindStringSubmatch(s)
		if m == nil {
			m = reShortSlash.FindStringSubmatch(s)
		}
		dt, err := calendar.Valid(2000+atoi(m[1]), atoi(m[2]), atoi(m[3]))
		if err != nil {
			return calendar.Date{}, false, &DateError{Value: s, Exists: true, MonthFirst: monthFirst(s)}
		}
		return calendar.Date{}, false, &DateError{Value: s, ShortYear: true, Date: dt, MonthFirst: monthFirst(s)}
	case reCompact.MatchString(s):
		m := reCompact.FindStringSubmatch(s)
		y, mo, d = atoi(m[1]), atoi(m[2]), atoi(m[3])
	case reSerial.MatchString(s):
		n := atoi(strings.SplitN(s, ".", 2)[0])
		if n < 20000 || n > 80000 { // 1954 … 2119: anything else is not a plausible date
			return calendar.Date{}, false, &DateError{Value: s}
		}
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
		return calendar.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, true, nil
	default:
		return calendar.Date{}, false, &DateError{Value: s, MonthFirst: monthFirst(s)}
	}
	dt, err := calendar.Valid(y, mo, d)
	if err != nil {
		return calendar.Date{}, false, &DateError{Value: s, Exists: true}
	}
	return dt, dt.String() != s, nil
}

// monthFirst is the date s names read month first, year last (MM/DD/YY
// or M/D/YYYY, the short date of English Excel and LibreOffice; YY is
// 20YY), or the zero date when s is not of that form or names no day.
func monthFirst(s string) calendar.Date {
	m := reMonthFirst.FindStringSubmatch(s)
	if m == nil {
		return calendar.Date{}
	}
	y := atoi(m[3])
	if len(m[3]) == 2 {
		y += 2000
	}
	d, err := calendar.Valid(y, atoi(m[1]), atoi(m[2]))
	if err != nil {
		return calendar.Date{}
	}
	return d
}

// ShortYearIn reports whether d, read from a two-digit year, lies in the
// window of a file of month m: from the first day of m to the last day of
// m+12. A 排查表 of M holds inspections of M and deadlines after them; a
// 汇总表 of M holds rectifications of M's hazards, due by the end of M+2 and
// sometimes reported later. Outside the window 26 might not mean 2026.
func ShortYearIn(d calendar.Date, m calendar.Month) bool {
	return !d.Before(m.First()) && !m.Add(12).Last().Before(d)
}

func isASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

var reScientific = regexp.MustCompile(`^[0-9](\.[0-9]+)?[eE]\+?[0-9]+$`)

// IsScientific reports whether s is a number in the scientific notation
// Excel shows for long numbers in a General-format cell (1.38001E+10): the
// digits after the first few are lost and cannot be recovered.
func IsScientific(s string) bool { return reScientific.MatchString(s) }
