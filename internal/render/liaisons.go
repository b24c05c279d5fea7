package render

import "lpg/internal/model"

// liaisonRow is one liaison as shown, each field as liaisons.schema.json's
// x-personal says: names and office phones of these public officials are
// shown, mobiles masked, free text scanned in the public build.
type liaisonRow struct {
	Level, Unit, Town, Village, Name, Position string
	Office, Mobile, Email, Updated             string
}

// townLiaisons is a town's 街镇 liaisons with its 村居 liaisons under it.
type townLiaisons struct {
	Code, Name, Href string
	Town, Villages   []liaisonRow
}

// liaisonsPage is the data of liaisons.html, grouped 区 / 部门 / 街镇 / 企业.
type liaisonsPage struct {
	District, Departments []liaisonRow
	DeptLinks             []countRow // each department of departments.csv and its page (issue 13)
	Towns                 []townLiaisons
	Enterprises, Other    []liaisonRow
}

func (s *site) liaisonRow(l model.Liaison) liaisonRow {
	m := s.m.liaison
	return liaisonRow{Level: m("level", l.Level), Unit: m("unit", l.Unit), Town: m("town", l.Town), Village: m("village", l.Village),
		Name: m("name", l.Name), Position: m("position", l.Position), Office: m("office_phone", l.OfficePhone),
		Mobile: m("mobile", l.Mobile), Email: m("email", l.Email), Updated: l.Updated.String()}
}

func (s *site) renderLiaisons() error {
	var p liaisonsPage
	towns := map[string]*townLiaisons{}
	for _, t := range s.d.Ref.Towns {
		towns[t.Code] = &townLiaisons{Code: t.Code, Name: t.Name, Href: townHref(t.Code)}
	}
	for _, l := range s.d.Liaisons {
		r := s.liaisonRow(l)
		t := towns[l.TownCode]
		switch {
		case l.Level == "区":
			p.District = append(p.District, r)
		case l.Level == "部门":
			p.Departments = append(p.Departments, r)
		case l.Level == "企业":
			p.Enterprises = append(p.Enterprises, r)
		case l.Level == "街镇" && t != nil:
			t.Town = append(t.Town, r)
		case l.Level == "村居" && t != nil:
			t.Villages = append(t.Villages, r)
		default:
			p.Other = append(p.Other, r)
		}
	}
	if len(s.reports) > 0 {
		for _, dp := range s.d.Ref.Departments {
			p.DeptLinks = append(p.DeptLinks, countRow{Code: dp.Code, Name: dp.Label(), Href: deptHref(dp.Code)})
		}
	}
	for _, t := range s.d.Ref.Towns {
		if tl := towns[t.Code]; len(tl.Town)+len(tl.Villages) > 0 {
			p.Towns = append(p.Towns, *tl)
		}
	}
	return s.emit("liaisons/index.html", "liaisons.html", "联络员名录", "liaisons", p)
}
