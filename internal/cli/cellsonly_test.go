package cli

import (
	"reflect"
	"testing"
	"time"

	"lpg/internal/model"
)

// TestCellsOnly: cellsOnly drops each row version's Fields and keeps
// everything else, a removed row (nil Cells) included.
func TestCellsOnly(t *testing.T) {
	when := time.Date(2026, 10, 25, 16, 0, 0, 0, time.UTC)
	full := func(key string, cells, fields map[string]string) model.RowVersion {
		return model.RowVersion{Key: key, Commit: "1111111111111111111111111111111111111111", When: when, Author: "town-310118102", Cells: cells, Fields: fields}
	}
	tests := []struct {
		name    string
		in, out []model.RowVersion
	}{
		{"none", nil, nil},
		{"a row and its removal",
			[]model.RowVersion{
				full("E01-202609-0001", map[string]string{"隐患编号": "E01-202609-0001", "整改状态": "整改中"}, map[string]string{"hazard_id": "E01-202609-0001", "status": "整改中"}),
				full("E01-202609-0001", nil, nil),
			},
			[]model.RowVersion{
				full("E01-202609-0001", map[string]string{"隐患编号": "E01-202609-0001", "整改状态": "整改中"}, nil),
				full("E01-202609-0001", nil, nil),
			}},
	}
	for _, tt := range tests {
		if got := cellsOnly(tt.in); !reflect.DeepEqual(got, tt.out) {
			t.Errorf("%s: cellsOnly\n got %+v\nwant %+v", tt.name, got, tt.out)
		}
	}
}
