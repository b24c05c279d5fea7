package form

import (
	"reflect"
	"testing"

	"lpg/internal/privacy"
)

func TestAllSchemasCompile(t *testing.T) {
	for _, k := range []string{Hazards, Rectifications, Inspections, Departments, Towns, Villages, Enterprises, HazardTypes, Accounts, Liaisons, Receipts} {
		f := Get(k)
		if len(f.Columns) == 0 {
			t.Errorf("%s: no columns", k)
		}
		for _, p := range f.Props {
			if p.Header == "" {
				t.Errorf("%s.%s: no title", k, p.Field)
			}
		}
	}
	if got := Get(Hazards).Headers()[:3]; !reflect.DeepEqual(got, []string{"隐患编号", "安检单号", "街镇"}) {
		t.Errorf("hazard headers start %v", got)
	}
}

func TestHazardRowRules(t *testing.T) {
	base := map[string]string{
		"hazard_id": "E01-202607-0018", "town": "夏阳街道", "village": "东方社区居委会", "user_type": "居民",
		"user_name": "陈娟", "phone": "13800132468", "address": "华青路174弄", "inspection_date": "2026-07-07",
		"inspector": "蒋小龙", "hazard_type": "HOSE_AGED", "onsite_action": "当场整改",
	}
	tests := []struct {
		name   string
		change map[string]string
		want   []Violation
	}{
		{"valid", nil, nil},
		{"scientific phone", map[string]string{"phone": "1.38001E+10"}, []Violation{{"phone", "pattern"}}},
		{"landline", map[string]string{"phone": "021-59720000"}, nil},
		{"bad id", map[string]string{"hazard_id": "E01-2026-18"}, []Violation{{"hazard_id", "pattern"}}},
		{"missing name", map[string]string{"user_name": ""}, []Violation{{"user_name", "required"}}},
		{"notice required", map[string]string{"onsite_action": "书面告知限期整改"}, []Violation{{"notice_no", "required"}}},
		{"bad enum", map[string]string{"user_type": "商户"}, []Violation{{"user_type", "enum"}}},
		{"bad date", map[string]string{"inspection_date": "2026-07-32"}, []Violation{{"inspection_date", "format"}}},
	}
	for _, tt := range tests {
		row := map[string]string{}
		for k, v := range base {
			row[k] = v
		}
		for k, v := range tt.change {
			row[k] = v
		}
		if got := Get(Hazards).Check(row); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRectificationConditionals(t *testing.T) {
	tests := []struct {
		row  map[string]string
		want []Violation
	}{
		{map[string]string{"hazard_id": "E01-202607-0001", "status": "已整改", "verifier": "李"}, []Violation{{"method", "required"}, {"rectified_date", "required"}}},
		{map[string]string{"hazard_id": "E01-202607-0001", "status": "未整改", "verifier": "李"}, []Violation{{"reason", "required"}}},
		{map[string]string{"hazard_id": "E01-202607-0001", "status": "核实无此隐患", "verifier": "李"}, nil},
		{map[string]string{"hazard_id": "E01-202607-0001", "status": "用户已搬离", "verifier": "李"}, []Violation{{"rectified_date", "required"}}},
	}
	for _, tt := range tests {
		if got := Get(Rectifications).Check(tt.row); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%v: got %v, want %v", tt.row["status"], got, tt.want)
		}
	}
}

// TestPersonalDeclared: every free-text column of what submitters and the
// gas centre write about people (排查表, 汇总表, liaisons, receipts) says how
// the public build treats it, so a new column cannot leak by being
// forgotten. Reference tables (towns, villages, …) are public as they are.
func TestPersonalDeclared(t *testing.T) {
	for _, kind := range []string{Hazards, Rectifications, Inspections, Liaisons, Receipts} {
		for _, p := range Get(kind).Props {
			if p.Kind == "text" && len(p.Enum) == 0 && p.Personal == "" {
				t.Errorf("%s.%s (%s) is free text without x-personal", kind, p.Field, p.Header)
			}
		}
	}
	for kind, want := range map[string]map[string]privacy.Treatment{
		Hazards:  {"user_name": privacy.Name, "phone": privacy.Drop, "address": privacy.Address, "remarks": privacy.Scan},
		Liaisons: {"mobile": privacy.Phone, "office_phone": privacy.Office},
	} {
		for field, tr := range want {
			if got := Get(kind).Prop(field).Personal; got != tr {
				t.Errorf("%s.%s: x-personal %q, want %q", kind, field, got, tr)
			}
		}
	}
}

func TestInspectionRowRules(t *testing.T) {
	tests := []struct {
		row  map[string]string
		want []Violation
	}{
		{map[string]string{"town": "夏阳街道", "user_type": "居民", "inspected": "120"}, nil},
		{map[string]string{"town": "夏阳街道", "village": "东方社区居委会", "user_type": "餐饮", "inspected": "0", "refused": "2"}, nil},
		{map[string]string{"town": "夏阳街道", "user_type": "居民"}, []Violation{{"inspected", "required"}}},
		{map[string]string{"town": "夏阳街道", "user_type": "居民", "inspected": "-3"}, []Violation{{"inspected", "pattern"}}},
		{map[string]string{"town": "夏阳街道", "user_type": "商户", "inspected": "3", "refused": "1.5"}, []Violation{{"refused", "pattern"}, {"user_type", "enum"}}},
	}
	for _, tt := range tests {
		if got := Get(Inspections).Check(tt.row); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%v: got %v, want %v", tt.row, got, tt.want)
		}
		cells := make([]string, len(Get(Inspections).Props))
		for i, p := range Get(Inspections).Props {
			cells[i] = tt.row[p.Field]
		}
		if got := Get(Inspections).CheckCells(nil, cells); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("CheckCells %v: got %v, want %v", tt.row, got, tt.want)
		}
	}
}

func TestPersonalUnknown(t *testing.T) {
	_, err := parseForm("x", []byte(`{"properties":{"a":{"title":"甲","x-personal":"hide"}}}`))
	if err == nil {
		t.Error("x-personal hide accepted")
	}
}
