package validate

import (
	"strings"

	"lpg/internal/form"
	"lpg/internal/layout"
	"lpg/internal/reference"
)

// readDepartments reads data/reference/departments.csv (issue 13; README
// “报相关部门”), optional: the departments of 第3条 and the hazard types in
// each one's remit, kept by the gas centre. hazard_types lists catalogue
// codes (or exact Chinese names) separated by spaces, 、 or ；, or is "*"
// for every type; every code must be in hazard_types.csv.
func (v *validator) readDepartments() error {
	s, err := v.load(layout.DepartmentsFile, form.Departments, false)
	if err != nil || s == nil || !s.ok {
		return err
	}
	seen := map[string]int{}
	for _, r := range s.rows {
		if dup(s, r, "code", seen) || r.isBad("code") {
			continue
		}
		d := reference.Department{Code: r.val("code"), Name: r.val("name"), ShortName: r.val("short_name"), Remit: r.val("remit")}
		tokens := strings.FieldsFunc(r.val("hazard_types"), func(c rune) bool {
			return c == ' ' || c == '、' || c == '；' || c == ';' || c == '，'
		})
		for _, t := range tokens {
			if t == "*" {
				d.All = true
				continue
			}
			m := v.ref.ResolveHazardType(t)
			if m.Code == "" || m.Short {
				hint := "填写 data/reference/hazard_types.csv 中的隐患类别代码，以空格分隔；* 表示全部类别"
				if len(m.Candidates) > 0 {
					hint = "是否应为 " + m.Candidates[0] + "？" + hint
				} else if m.Short {
					hint = "是否应为 " + m.Code + "？" + hint
				}
				s.errorf(r, "hazard_types", "hazard_types.unknown", hint, "隐患类别“%s”不在隐患目录中", t)
				continue
			}
			d.Types = append(d.Types, m.Code)
		}
		switch {
		case d.All && len(d.Types) > 0:
			s.errorf(r, "hazard_types", "hazard_types.all", "写 * 就是全部隐患类别，不要再列出具体类别；或者去掉 *",
				"“*”（全部类别）与具体的隐患类别同时出现")
			d.Types = nil
		case !d.All && len(d.Types) == 0 && len(tokens) > 0:
			continue // every token reported
		}
		v.ref.Departments = append(v.ref.Departments, d)
	}
	return nil
}
