package render

import "testing"

func TestMaskName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"张", "张"},
		{"张三", "张*"},
		{"欧阳娜娜", "欧***"},
		{" 李建 ", "李*"},
		{"罗记饭店", "罗***"},
		{"Tom", "T**"},
	} {
		if got := MaskName(c.in); got != c.want {
			t.Errorf("MaskName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMaskMobile(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"13800138000", "138****8000"},
		{" 13912345678", "139****5678"},
		{"021-59720000", "021*****0000"},
		{"1234567", "*******"},
	} {
		if got := MaskMobile(c.in); got != c.want {
			t.Errorf("MaskMobile(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMaskAddress(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"朱家角镇城中东路983弄38号503室", "朱家角镇城中东路…"},
		{"夏阳街道崧泽大道824弄9号301室", "夏阳街道崧泽大道…"},
		{"练塘镇朱庄村１２组", "练塘镇朱庄村…"},
		{"金泽镇西岑村张家宅", "金泽镇西岑村张家宅"},
		{"88号", "…"},
		{"朱家角镇沈巷村东庄二十八号", "朱家角镇沈巷村东庄…"},
		{"练塘镇三分荡村五组", "练塘镇三分荡村…"},
		{"金泽镇一心村", "金泽镇一心村"},
	} {
		if got := MaskAddress(c.in); got != c.want {
			t.Errorf("MaskAddress(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestScrubText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"用户外出", "用户外出"},
		{"联系13800138000未接", "联系138****8000未接"},
		{"座机021-59720000", "座机021-****0000"},
		{"户主电话138-0013-8111", "户主电话138-****-8111"},
		{"户主电话138 0013 8222", "户主电话138 **** 8222"},
		{"电话(021)5972 3333", "电话(021)**** 3333"},
		{"用户电话138-0013-8555拒接", "用户电话138-****-8555拒接"},
		{"改于10月5日、10月12日两次上门", "改于10月5日、10月12日两次上门"},
		{"（备注）", "（备注）"},
		{"钢瓶3只，2026-10-05复查", "钢瓶3只，2026-10-05复查"},
	} {
		if got := ScrubText(c.in); got != c.want {
			t.Errorf("ScrubText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMaskerInternal(t *testing.T) {
	m := masker{internal: true}
	if m.name("张三") != "张三" || m.phone("13800138000") != "13800138000" ||
		m.address("a1") != "a1" || m.mobile("13800138000") != "13800138000" || m.text("13800138000") != "13800138000" {
		t.Error("internal masker changed a value")
	}
	p := masker{}
	if p.office("021-59720000") != "021-59720000" || p.office("139-1234-5678") != "139****5678" {
		t.Errorf("office phone: %q %q", p.office("021-59720000"), p.office("139-1234-5678"))
	}
	if p.phone("13800138000") != "" {
		t.Error("public masker shows a household phone")
	}
}
