package validate

import (
	"slices"
	"strings"
	"testing"

	"lpg/internal/model"
)

// TestSortHazards: sortHazards gives the order slices.SortFunc by id
// gives, whether the runs can be put end to end or not.
func TestSortHazards(t *testing.T) {
	for _, c := range []struct {
		name string
		ids  []string // in the order the files gave them
		runs []int
		want string // the ids sorted, joined by " "
	}{
		{"files in path order", []string{"E01-202601-0001", "E01-202601-0002", "E02-202601-0001", "E01-202602-0001", "E01-202602-0002"}, []int{2, 3, 5},
			"E01-202601-0001 E01-202601-0002 E01-202602-0001 E01-202602-0002 E02-202601-0001"},
		{"empty file between", []string{"E02-202601-0001", "E01-202601-0001"}, []int{1, 1, 2}, "E01-202601-0001 E02-202601-0001"},
		{"file out of order", []string{"E01-202601-0002", "E01-202601-0001", "E01-202602-0001"}, []int{2, 3}, "E01-202601-0001 E01-202601-0002 E01-202602-0001"},
		{"runs overlap", []string{"E01-202601-0001", "E01-202601-0003", "E01-202601-0002", "E01-202601-0004"}, []int{2, 4},
			"E01-202601-0001 E01-202601-0002 E01-202601-0003 E01-202601-0004"},
		{"id of another file's prefix", []string{"E01-202601-0001", "E01-202602-0005", "E01-202602-0001", "E01-202602-0002"}, []int{2, 4},
			"E01-202601-0001 E01-202602-0001 E01-202602-0002 E01-202602-0005"},
		{"no runs", []string{"b", "a"}, nil, "a b"},
		{"runs short of hs", []string{"b", "a", "c"}, []int{1}, "a b c"},
		{"runs beyond hs", []string{"b", "a"}, []int{1, 3}, "a b"},
		{"nothing", nil, nil, ""},
	} {
		hs := make([]*model.Hazard, len(c.ids))
		for i, id := range c.ids {
			hs[i] = &model.Hazard{ID: id}
		}
		ref := slices.Clone(hs)
		slices.SortFunc(ref, func(a, b *model.Hazard) int { return strings.Compare(a.ID, b.ID) })
		got := sortHazards(hs, c.runs)
		var ids []string
		for i, h := range got {
			ids = append(ids, h.ID)
			if h != ref[i] {
				t.Errorf("%s: hazard %d is not the one SortFunc puts there", c.name, i)
			}
		}
		if s := strings.Join(ids, " "); s != c.want {
			t.Errorf("%s: got %s, want %s", c.name, s, c.want)
		}
	}
}
