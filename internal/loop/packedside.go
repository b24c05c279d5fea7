package loop

import "time"

// SideStrings is the string table shared by the packed sides of one build
// (PackedSide): every hazard id, class and town code the sides hold is
// stored once. The sides of a five-year build (69 editions, up to about
// 90,000 hazards each) share nearly all their ids, and a Side decoded
// from the build cache holds a fresh copy of every string: 69 sides took
// about 280 MB of a warm build's live heap, packed they take about 40 MB
// (issue 14, README 性能).
//
// Pack adds to the table and is not safe for concurrent use; Side only
// reads it, so once a build has packed its sides they may be unpacked
// concurrently.
type SideStrings struct {
	index map[string]int32
	all   []string
}

// NewSideStrings returns an empty table.
func NewSideStrings() *SideStrings { return &SideStrings{index: map[string]int32{}} }

// Len is the number of distinct strings in the table.
func (t *SideStrings) Len() int { return len(t.all) }

// code is the index of s in the table, adding it when new.
func (t *SideStrings) code(s string) int32 {
	if c, ok := t.index[s]; ok {
		return c
	}
	c := int32(len(t.all))
	t.index[s] = c
	t.all = append(t.all, s)
	return c
}

// codes are the indexes of ss in the table; nil when ss is nil (Side keeps
// a nil list nil).
func (t *SideStrings) codes(ss []string) []int32 {
	if ss == nil {
		return nil
	}
	out := make([]int32, len(ss))
	for i, s := range ss {
		out[i] = t.code(s)
	}
	return out
}

// PackedSide is a Side held compactly: its report as it is, its ids,
// classes and towns as 4-byte indexes into a SideStrings table (12 bytes a
// hazard instead of three string headers and three strings, about 100
// bytes). Side gives the Side back.
type PackedSide struct {
	AsOfR  time.Time
	Report Report
	strs   *SideStrings
	ids    []int32
	class  []int32
	towns  []int32
}

// Pack returns s packed into the table t. s.Side() equals s (its strings
// are the table's, equal in value; nil lists stay nil).
func (t *SideStrings) Pack(s Side) *PackedSide {
	p := &PackedSide{AsOfR: s.AsOfR, Report: s.Report, strs: t, ids: t.codes(s.IDs), towns: t.codes(s.Towns)}
	if s.Classes != nil {
		p.class = make([]int32, len(s.Classes))
		for i, c := range s.Classes {
			p.class[i] = t.code(string(c))
		}
	}
	return p
}

// Side is the side p was packed from. Its lists are new (the caller may
// keep or drop them); their strings are shared with the table.
func (p *PackedSide) Side() Side {
	all := p.strs.all
	s := Side{AsOfR: p.AsOfR, Report: p.Report}
	if p.ids != nil {
		s.IDs = make([]string, len(p.ids))
		for i, c := range p.ids {
			s.IDs[i] = all[c]
		}
	}
	if p.class != nil {
		s.Classes = make([]Class, len(p.class))
		for i, c := range p.class {
			s.Classes[i] = Class(all[c])
		}
	}
	if p.towns != nil {
		s.Towns = make([]string, len(p.towns))
		for i, c := range p.towns {
			s.Towns[i] = all[c]
		}
	}
	return s
}
