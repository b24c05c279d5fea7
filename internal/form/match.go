package form

// Hand-written matchers for the patterns and the date format that every
// row of a 排查表 or 汇总表 meets (issue 14: the regular expressions and
// time.Parse were about a tenth of a five-year validation). compileValue
// takes a pattern's matcher from patternMatchers by the pattern's exact
// text, so a schema whose pattern changes falls back to regexp by
// itself; TestMatchers and FuzzMatchers compare each with regexp (and
// isDate with jsonschema's "date" format), and FuzzCheckCells compares
// whole rows with jsonschema.

// patternMatchers are the matchers by the pattern (schema/*.schema.json)
// whose language they accept: exactly the strings regexp.MatchString
// accepts for it (anchored, ASCII digits and letters).
var patternMatchers = map[string]func(string) bool{
	`^[A-Za-z0-9]+-[0-9]{6}-[0-9]{4,}$`: isHazardIDForm,
	`^[0-9]+$`:                          isDigitsOnly,
	`^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}(-[0-9]{1,6})?|[2-9][0-9]{6,7}|400-?[0-9]{3}-?[0-9]{4})$`: isPhoneForm,
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

func isAlnum(b byte) bool { return isDigit(b) || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// digitsAt reports whether s[i:i+n] exists and is all ASCII digits.
func digitsAt(s string, i, n int) bool {
	if i < 0 || n < 0 || i+n > len(s) {
		return false
	}
	for k := i; k < i+n; k++ {
		if !isDigit(s[k]) {
			return false
		}
	}
	return true
}

// isDigitsOnly is ^[0-9]+$.
func isDigitsOnly(s string) bool { return s != "" && digitsAt(s, 0, len(s)) }

// isHazardIDForm is ^[A-Za-z0-9]+-[0-9]{6}-[0-9]{4,}$: the letters and
// digits end at the first "-" (they hold none).
func isHazardIDForm(s string) bool {
	i := 0
	for i < len(s) && isAlnum(s[i]) {
		i++
	}
	if i == 0 || i == len(s) || s[i] != '-' || !digitsAt(s, i+1, 6) || i+7 >= len(s) || s[i+7] != '-' {
		return false
	}
	rest := len(s) - (i + 8)
	return rest >= 4 && digitsAt(s, i+8, rest)
}

// isPhoneForm is the phone pattern, its four alternatives one by one:
// a mobile number 1[3-9] and 9 digits; a fixed line 0, two or three
// digits, an optional "-", seven or eight digits and an optional
// extension of "-" and one to six digits; a local number [2-9] and six
// or seven digits; a 400 number 400, optional "-", three digits,
// optional "-", four digits.
func isPhoneForm(s string) bool {
	n := len(s)
	switch {
	case n == 0:
		return false
	case s[0] == '1' && n == 11 && '3' <= s[1] && s[1] <= '9' && digitsAt(s, 2, 9):
		return true
	case s[0] >= '2' && s[0] <= '9' && (n == 7 || n == 8) && digitsAt(s, 0, n):
		return true
	case s[0] == '4' && is400(s):
		return true
	case s[0] == '0':
		return isFixedLine(s)
	}
	return false
}

// is400 is 400-?[0-9]{3}-?[0-9]{4}.
func is400(s string) bool {
	if len(s) < 10 || s[:3] != "400" {
		return false
	}
	i := 3
	if s[i] == '-' {
		i++
	}
	if !digitsAt(s, i, 3) {
		return false
	}
	i += 3
	if i < len(s) && s[i] == '-' {
		i++
	}
	return len(s)-i == 4 && digitsAt(s, i, 4)
}

// isFixedLine is 0[0-9]{2,3}-?[0-9]{7,8}(-[0-9]{1,6})?, every way of
// reading it tried (area code of two or three digits, the "-" there or
// not, seven or eight digits).
func isFixedLine(s string) bool {
	for _, area := range [2]int{2, 3} {
		if !digitsAt(s, 1, area) {
			continue
		}
		for _, dash := range [2]int{0, 1} {
			i := 1 + area
			if dash == 1 && (i >= len(s) || s[i] != '-') {
				continue
			}
			i += dash
			for _, main := range [2]int{7, 8} {
				if !digitsAt(s, i, main) {
					continue
				}
				j := i + main
				if j == len(s) {
					return true
				}
				if ext := len(s) - j - 1; s[j] == '-' && ext >= 1 && ext <= 6 && digitsAt(s, j+1, ext) {
					return true
				}
			}
		}
	}
	return false
}

// dateFormat is the "date" format: ref (jsonschema's, time.Parse with
// "2006-01-02") decides, but a string of the shape DDDD-DD-DD — every
// date lpg's normalisation writes — is judged here without parsing: a
// month 01–12 and a day that exists in that month of that year (the
// proleptic Gregorian calendar, as time.Parse counts, year 0000 leap).
func dateFormat(ref func(any) bool) func(string) bool {
	return func(s string) bool {
		if len(s) != 10 || s[4] != '-' || s[7] != '-' || !digitsAt(s, 0, 4) || !digitsAt(s, 5, 2) || !digitsAt(s, 8, 2) {
			return ref(s)
		}
		y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
		m := int(s[5]-'0')*10 + int(s[6]-'0')
		d := int(s[8]-'0')*10 + int(s[9]-'0')
		if m < 1 || m > 12 || d < 1 {
			return false
		}
		days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
		if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			days = 29
		}
		return d <= days
	}
}
