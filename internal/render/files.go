package render

import (
	"bytes"
	"encoding/xml"
	"sort"
	"strings"

	"lpg/internal/calendar"
	"lpg/internal/loop"
)

// revRow is one revision of a submission file.
type revRow struct {
	When, Author, Commit    string
	Added, Changed, Removed int
	Deleted                 bool
}

// fileRow is one submission file with its receipt and revisions.
type fileRow struct {
	ID, Path, Submitter, SubmitterName string
	Due, Received, Status, StatusLabel string
	Source                             string // where the receipt time comes from (loop.ReceiptSource)
	Bad                                bool
	Revisions                          []revRow
}

// fileGroup is the files of one form and month.
type fileGroup struct {
	Title string
	Files []fileRow
}

// filesPage is the data of files.html.
type filesPage struct {
	Groups  []fileGroup
	HasGit  bool
	Commits int
}

// renderFiles writes files/index.html: for every submission file, when it
// was received, whether on time, and each revision (commit time, author,
// rows added/changed/removed), newest month first.
func (s *site) renderFiles() error {
	p := filesPage{HasGit: s.opt.History != nil}
	byKey := map[string]*fileGroup{}
	var keys []string
	for _, f := range s.d.Files {
		if formLabel[f.Form] == "" {
			continue
		}
		key := f.Month.String() + " " + f.Form
		g := byKey[key]
		if g == nil {
			g = &fileGroup{Title: f.Month.String() + " " + formLabel[f.Form]}
			byKey[key] = g
			keys = append(keys, key)
		}
		sub := loop.Evaluate1(s.d, s.opt.Receipts, f.Form, f.Month, f.Submitter, s.opt.AsOf, s.opt.AsOf)
		row := fileRow{ID: fileAnchor(f.Path), Path: f.Path, Submitter: f.Submitter,
			SubmitterName: s.submitterName(f.Form, f.Submitter), Due: formatTime(sub.DueTime),
			Status: sub.Status, StatusLabel: loop.StatusLabel[sub.Status], Bad: sub.Status == loop.Late}
		if sub.Received != nil {
			row.Received = formatTime(*sub.Received)
			line, listed := s.d.Receipts[f.Path]
			row.Source = loop.ReceiptSource(s.d.ReceiptChannels[f.Path], listed, p.HasGit)
			if listed && !line.Equal(*sub.Received) { // the line was later than git's time (loop.Ledger)
				row.Source = loop.OverruledSource(line)
			}
		}
		for _, r := range s.opt.History[f.Path] {
			row.Revisions = append(row.Revisions, revRow{When: formatTime(r.When), Author: s.m.text(r.Author),
				Commit: shortCommit(r.Commit), Added: r.Added, Changed: r.Changed, Removed: r.Removed, Deleted: r.Deleted})
		}
		g.Files = append(g.Files, row)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(keys)))
	for _, k := range keys {
		p.Groups = append(p.Groups, *byKey[k])
	}
	return s.emit("files/index.html", "files.html", "报送记录与修改历史", "files", p)
}

// fileAnchor is the id of a file's entry on files/index.html.
func fileAnchor(path string) string {
	p := strings.TrimSuffix(strings.TrimPrefix(path, "data/"), ".csv")
	return strings.ReplaceAll(p, "/", "-")
}

// renderFeeds writes feed.xml (Atom, one entry per published edition,
// newest first) and, when BaseURL is set, sitemap.xml listing every page.
// Links are relative to BaseURL, or relative to the feed without it.
func (s *site) renderFeeds() error {
	base := strings.TrimSuffix(s.opt.BaseURL, "/")
	if base != "" {
		base += "/"
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
	elem(&b, "  ", "title", "青浦区瓶装液化石油气隐患处置月报（正式版本）")
	elem(&b, "  ", "id", "urn:lpg:reports")
	updated := s.opt.AsOf
	eds := sortedEditions(s.opt.Editions)
	if len(eds) > 0 {
		updated = eds[0].Published
	}
	if updated.IsZero() {
		updated = calendar.Month{Year: 1970, Month: 1}.First().EndOfDay()
	}
	elem(&b, "  ", "updated", calendar.FormatTime(updated))
	if base != "" {
		b.WriteString("  <link rel=\"self\" href=\"" + esc(base+"feed.xml") + "\"/>\n")
	}
	b.WriteString("  <link href=\"" + esc(base+"reports/index.html") + "\"/>\n")
	b.WriteString("  <author><name>青浦区燃气管理中心</name></author>\n")
	for _, e := range eds {
		b.WriteString("  <entry>\n")
		elem(&b, "    ", "title", e.Month+" 隐患处置月报 第"+editionNumber(e.Name)+"版")
		elem(&b, "    ", "id", "urn:lpg:report:"+e.Month+":"+e.Name)
		elem(&b, "    ", "updated", calendar.FormatTime(e.Published))
		b.WriteString("    <link href=\"" + esc(base+e.Href()) + "\"/>\n")
		summary := "数据版本 " + e.Commit
		if e.Message != "" {
			summary = s.m.text(e.Message) + "\n" + summary
		}
		elem(&b, "    ", "summary", summary)
		b.WriteString("  </entry>\n")
	}
	b.WriteString("</feed>\n")
	s.put("feed.xml", b.Bytes())
	if base == "" {
		return nil
	}
	var pages []string
	for _, p := range s.paths() {
		if strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
	}
	var m bytes.Buffer
	m.WriteString(xml.Header)
	m.WriteString("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
	for _, p := range pages {
		m.WriteString("  <url><loc>" + esc(base+p) + "</loc></url>\n")
	}
	m.WriteString("</urlset>\n")
	s.put("sitemap.xml", m.Bytes())
	return nil
}

func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func elem(b *bytes.Buffer, indent, name, text string) {
	b.WriteString(indent + "<" + name + ">" + esc(text) + "</" + name + ">\n")
}
