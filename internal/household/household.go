// Package household says when two hazard rows are the same household
// (issue 13: 入户安检量 counts households, 重复隐患户 finds a household
// again): the same enterprise customer id (用户编号), or the same
// normalised address (用气地址) in the same town. Addresses are compared
// after folding full-width characters, removing spaces and punctuation,
// dropping a leading 上海市/青浦区/town name, and writing the house number
// forms 12-503, 12#503, 12号503 and 12号503室 alike.
//
// It is pure and depends on csvio (width folding) only.
package household

import (
	"regexp"
	"strings"
	"unicode"

	"lpg/internal/csvio"
)

var (
	// 12-503, 12－503, 12—503 and 12#503 are 12号503.
	reDash = regexp.MustCompile(`([0-9]+)(?:[-—–#]|号)([0-9]+)`)
	// 栋 and 号楼 are 幢; 单元 stays.
	building = strings.NewReplacer("号楼", "幢", "栋", "幢")
)

// NormalizeAddress returns the comparable form of an address: full-width
// folded, spaces, invisible characters and punctuation removed, a leading
// 上海市, 青浦区 and any of prefixes (the town's name) dropped, 栋/号楼
// written 幢, a house number written <n>号<m> (12-503, 12#503, 12号503室)
// and a final 室 dropped. "" stays "".
func NormalizeAddress(addr string, prefixes ...string) string {
	s := csvio.FoldWidth(csvio.StripInvisible(addr))
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '＃':
			r = '#'
		case r == '-' || r == '—' || r == '–' || r == '#':
		case unicode.IsSpace(r) || unicode.IsPunct(r):
			continue
		}
		b.WriteRune(r)
	}
	s = b.String()
	for _, p := range append([]string{"上海市", "上海", "青浦区"}, prefixes...) {
		if p != "" {
			s = strings.TrimPrefix(s, p)
		}
	}
	s = building.Replace(s)
	s = reDash.ReplaceAllString(s, "${1}号${2}")
	s = strings.TrimSuffix(s, "室")
	return s
}

// Row is what identifies the household of one hazard row.
type Row struct {
	Enterprise string // customer ids are the enterprise's own
	CustomerID string // "" when not given
	Town       string // 9-digit town code: addresses compare inside a town
	Address    string // as written; normalised here
}

// Keys returns the identity keys of r: "c|<enterprise>|<customer id>" when
// it has a customer id and "a|<town>|<normalised address>" when it has an
// address. Two rows sharing any key are one household.
func (r Row) Keys(prefixes ...string) []string {
	var k []string
	if id := csvio.CleanCode(r.CustomerID).Value; id != "" {
		k = append(k, "c|"+r.Enterprise+"|"+id)
	}
	if a := NormalizeAddress(r.Address, prefixes...); a != "" {
		k = append(k, "a|"+r.Town+"|"+a)
	}
	return k
}

// Group assigns every row a household number: rows sharing a key (directly
// or through other rows) get the same number, the index of the first such
// row. A row with no key is a household of its own. prefix returns the
// address prefixes to drop for a row (its town's name), or nil.
func Group(rows []Row, prefix func(Row) []string) []int {
	f := NewForest(len(rows))
	owner := map[string]int{}
	for i, r := range rows {
		var p []string
		if prefix != nil {
			p = prefix(r)
		}
		for _, k := range r.Keys(p...) {
			if j, ok := owner[k]; ok {
				f.Join(i, j)
			} else {
				owner[k] = i
			}
		}
	}
	return f.Roots()
}

// Forest is the union-find behind Group (and loop's Timeline, which groups
// by precomputed keys): element i's parent, a root its own.
type Forest []int

// NewForest returns n elements, each its own set.
func NewForest(n int) Forest {
	f := make(Forest, n)
	for i := range f {
		f[i] = i
	}
	return f
}

// find returns the root of i's set, halving the path on the way.
func (f Forest) find(i int) int {
	for f[i] != i {
		f[i] = f[f[i]]
		i = f[i]
	}
	return i
}

// Join merges the sets of i and j; the smaller root stays the root, so a
// set's number is the index of its first element.
func (f Forest) Join(i, j int) {
	a, b := f.find(i), f.find(j)
	if a < b {
		a, b = b, a
	}
	f[a] = b
}

// Roots returns every element's set number: the index of the set's first
// element.
func (f Forest) Roots() []int {
	out := make([]int, len(f))
	for i := range f {
		out[i] = f.find(i)
	}
	return out
}
