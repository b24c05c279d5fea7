package privacy

import "testing"

// TestScrubAccounts (review round 3 G34): travel documents' numbers, dates
// of birth and short-video accounts after their word are masked; the same
// words without such a value, and dates that are not a birth, stay.
func TestScrubAccounts(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"护照号E12345678", "护照号*********"},
		{"护照G12345678", "护照*********"},
		{"港澳通行证C12345678", "港澳通行证*********"},
		{"回乡证H1234567801", "回乡证***********"},
		{"居留证号码：SHA123456789", "居留证号码：************"},
		{"出示证件号 K1234567 后签收", "出示证件号 ******** 后签收"},
		{"出生日期1980年1月1日", "出生日期****年*月*日"},
		{"生日19800101", "生日********"},
		{"出生于1975-03-08，独居", "出生于****-**-**，独居"},
		{"抖音号 wjg1980", "抖音号 *******"},
		{"快手号：ks_wang88，已联系", "快手号：*********，已联系"},
		{"微博ID wangjg", "微博ID ******"},
		// kept: no value of the kind after the word
		{"护照过期", "护照过期"},
		{"通行证已办", "通行证已办"},
		{"证件齐全", "证件齐全"},
		{"出生地安徽", "出生地安徽"},
		{"生日当天不在家", "生日当天不在家"},
		{"关注抖音宣传视频", "关注抖音宣传视频"},
		{"2026年10月12日复查", "2026年10月12日复查"},
	} {
		if got := Scrub(c.in); got != c.want {
			t.Errorf("Scrub(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
