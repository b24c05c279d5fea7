package validate

import "testing"

// TestNearestOf (review round 3, G31): an enum hint never guesses the
// opposite of what the clerk wrote.
func TestNearestOf(t *testing.T) {
	yn := []string{"是", "否"}
	sev := []string{"一般", "重大"}
	status := []string{"已整改", "整改中", "未整改", "拒不整改", "已消除", "核实无此隐患"}
	for _, tt := range []struct {
		v    string
		opts []string
		want string
	}{
		{"×", yn, "否"}, {"0", yn, "否"}, {"n", yn, "否"}, {"FALSE", yn, "否"}, {"无", yn, "否"},
		{"√", yn, "是"}, {"1", yn, "是"}, {"TRUE", yn, "是"}, {"是的", yn, "是"}, {"已移交", yn, "是"},
		{"待定", yn, ""}, {"", yn, ""},
		{"轻微", sev, ""}, {"低", sev, ""}, {"中等", sev, ""}, {"高", sev, ""}, {"Ⅰ级", sev, ""}, {"较大", sev, ""},
		{"一般隐患", sev, "一般"}, {"重大隐患", sev, "重大"},
		{"已整该", status, "已整改"}, {"整改完成", status, ""}, {"拒绝整改", status, "拒不整改"}, {"已经整改", status, "已整改"},
	} {
		if got := nearestOf(tt.v, tt.opts); got != tt.want {
			t.Errorf("nearestOf(%q, %v) = %q, want %q", tt.v, tt.opts, got, tt.want)
		}
	}
}
