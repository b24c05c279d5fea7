package render

import (
	"bytes"
	"encoding/json"
	"sort"
)

// Site search (issue 6), offline and from file://: browsers refuse fetch()
// of file:// URLs, so the index is JSON wrapped in a script call that
// lpg.js loads with a <script> element:
//
//	search/index.js            LPG.index({...})  towns, villages, enterprises, hazard types, months
//	search/hazards-YYYY-MM.js  LPG.hazards("YYYY-MM", [[id, town, village, type, severity, status, open, page], …])
//
// page is 1 when the hazard has its own page (hazard.go), which the
// result then opens; else the result opens the town's list or 派发清单.
//
// A month's hazards are loaded only when a query needs them (an id of that
// month, or a search over every month). The index carries codes, names of
// places, enterprises and types and the status of each hazard — never a
// household name, phone, address or free text, in either build.

// searchIndex is the payload of search/index.js.
type searchIndex struct {
	Months      []string   `json:"months"`      // hazard months with a shard, ascending
	Towns       [][]string `json:"towns"`       // [code, name]
	Villages    [][]any    `json:"villages"`    // [code, name, town code, open hazards]
	Enterprises [][]string `json:"enterprises"` // [id, name]
	Types       [][]string `json:"types"`       // [code, name]
}

func (s *site) renderSearch() error {
	script, err := s.source("lpg.js")
	if err != nil {
		return err
	}
	if s.wants("lpg.js") {
		s.put("lpg.js", compactJS(script))
	}
	if !s.wantsIn("search/") {
		return nil
	}
	idx := searchIndex{Months: []string{}, Towns: [][]string{}, Villages: [][]any{}, Enterprises: [][]string{}, Types: [][]string{}}
	for _, t := range s.d.Ref.Towns {
		idx.Towns = append(idx.Towns, []string{t.Code, t.Name})
	}
	open := map[string]int{}
	shards := map[string][][]any{}
	for _, h := range s.d.Hazards {
		st := s.tl.Evaluate(h, s.d.Rects[h.ID], s.opt.AsOf)
		o := 0
		if !st.Class.Closed() {
			o = 1
			open[h.Village]++
		}
		m := h.Month.String()
		page := 0
		if _, ok := s.hazardLinks[h.ID]; ok {
			page = 1
		}
		shards[m] = append(shards[m], []any{h.ID, h.Town, h.Village, h.Type, h.Severity, statusText(st), o, page})
	}
	for _, v := range s.d.Ref.Villages {
		idx.Villages = append(idx.Villages, []any{v.Code, v.Name, v.TownCode, open[v.Code]})
	}
	for _, e := range s.d.Ref.Enterprises {
		idx.Enterprises = append(idx.Enterprises, []string{e.ID, e.Name})
	}
	for _, t := range s.d.Ref.HazardTypes {
		idx.Types = append(idx.Types, []string{t.Code, t.Name})
	}
	for m := range shards {
		idx.Months = append(idx.Months, m)
	}
	sort.Strings(idx.Months)
	for _, m := range idx.Months {
		f := "search/hazards-" + m + ".js"
		if !s.wants(f) {
			continue
		}
		js, err := jsCall("LPG.hazards("+quote(m)+", ", shards[m])
		if err != nil {
			return err
		}
		s.put(f, js)
	}
	if s.wants("search/index.js") {
		js, err := jsCall("LPG.index(", idx)
		if err != nil {
			return err
		}
		s.put("search/index.js", js)
	}
	var latest string
	if len(s.months) > 0 {
		latest = s.months[len(s.months)-1].String()
	}
	return s.emit("search/index.html", "search.html", "搜索", "search", struct{ Latest string }{latest})
}

// jsCall returns prefix + JSON(v) + ");\n". JSON is valid JavaScript; the
// encoder escapes <, > and & so nothing can close a script element.
func jsCall(prefix string, v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(prefix)
	if err := json.NewEncoder(&b).Encode(v); err != nil {
		return nil, err
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	b.WriteString(");\n")
	return b.Bytes(), nil
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
