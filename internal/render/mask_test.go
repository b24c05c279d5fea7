package render

import "testing"

func TestMaskerInternal(t *testing.T) {
	m := masker{internal: true}
	if m.hazard("user_name", "张三") != "张三" || m.hazard("phone", "13800138000") != "13800138000" ||
		m.hazard("address", "a1") != "a1" || m.liaison("mobile", "13800138000") != "13800138000" ||
		m.text("13800138000") != "13800138000" || !m.shown("hazards", "phone") {
		t.Error("internal masker changed a value")
	}
}

// TestMaskerPublic: the public masker follows the schemas' x-personal.
func TestMaskerPublic(t *testing.T) {
	p := masker{}
	for _, c := range []struct{ got, want string }{
		{p.hazard("user_name", "张三"), "张*"},
		{p.hazard("phone", "13800138000"), ""},
		{p.hazard("address", "青浦路99弄7号402室"), "青浦路…"},
		{p.hazard("remarks", "手机一三八零零一三二四六八"), "手机一三八****二四六八"},
		{p.hazard("hazard_id", "E01-202610-0001"), "E01-202610-0001"},
		{p.rect("reason", "住青浦路99弄7号402室"), "住青浦路**弄*号***室"},
		{p.liaison("office_phone", "021-59720000"), "021-59720000"},
		{p.liaison("office_phone", "139-1234-5678"), "139-****-5678"},
		{p.liaison("mobile", "13800138000"), "138****8000"},
		{p.text("电话021-59720000"), "电话021-****0000"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	for field, want := range map[string]bool{"phone": false, "inspector": false, "customer_id": false, "inspection_id": false, "user_name": true, "remarks": true} {
		if p.shown("hazards", field) != want {
			t.Errorf("public shown(hazards, %s) = %v", field, !want)
		}
	}
}
