package render

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"lpg/internal/layout"
	"lpg/internal/minutes"
	"lpg/internal/model"
)

// meeting is one Markdown file of data/meetings.
type meeting struct {
	Stem, Title, Date string
	File, Href        string        // output file and link (escaped), relative to meetings/
	Body              template.HTML // rendered by goldmark, raw HTML omitted
	// Decisions are the rows of its decision tables (package minutes),
	// their free-text cells masked like the body.
	Decisions []minutes.Decision
}

// meetingsPage is the data of meetings.html; meeting.html gets a meeting.
type meetingsPage struct {
	Meetings []meeting
	Pack     bool // the pack (meetingpack.go) has figures
}

// readMeetings renders the meeting notes of the model (model.Meeting:
// each parsed once, by validate), newest date first: each note by
// layout.IsMeeting (directly in data/meetings, name ending in ".md") gets a
// page. What the page shows
// goes through text first (the masker: the public build masks phones and
// house numbers in the title, the date, the body and so in heading ids,
// and in the 编号, 事项, 责任单位 and 完成情况 of each decision).
func readMeetings(notes []model.Meeting, text func(string) string) ([]meeting, error) {
	var out []meeting
	for _, n := range notes {
		if !layout.IsMeeting(n.File) { // validate reads no other; a model built by hand may hold one
			continue
		}
		name := path.Base(n.File)
		m, err := renderMeeting(strings.TrimSuffix(name, ".md"), n.Note, text)
		if err != nil {
			return nil, fmt.Errorf("render: %s: %w", n.File, err)
		}
		out = append(out, m)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date > out[j].Date
		}
		return out[i].Stem < out[j].Stem
	})
	return out, nil
}

// renderMeeting turns one note into a meeting: title and date of its
// front matter (the stem when there is no title) and the body through
// goldmark with GFM tables and heading ids that keep Chinese, each through
// text; raw HTML in the Markdown is not passed through. The decisions are
// the note's, their free-text cells through text.
func renderMeeting(stem string, n minutes.Note, text func(string) string) (meeting, error) {
	body := []byte(text(n.Body()))
	file := stem + ".html"
	if stem == "index" {
		file = "meeting-index.html" // meetings/index.html is the list
	}
	m := meeting{Stem: stem, Title: text(n.Title()), Date: text(n.Date()), File: file, Href: url.PathEscape(file)}
	if m.Title == "" {
		m.Title = stem
	}
	for _, d := range n.Decisions {
		d.No, d.Item, d.Owner, d.Progress = text(d.No), text(d.Item), text(d.Owner), text(d.Progress)
		m.Decisions = append(m.Decisions, d)
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithASTTransformers(util.Prioritized(headerScope{}, 1000))),
	)
	var b bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	if err := md.Convert(body, &b, parser.WithContext(ctx)); err != nil {
		return meeting{}, err
	}
	m.Body = template.HTML(scrollTables(b.String())) // goldmark escapes text and omits raw HTML (no html.WithUnsafe)
	return m, nil
}

// headerScope gives the header cells of Markdown tables scope="col"
// (WCAG 1.3.1: the minutes' tables read like the site's own).
type headerScope struct{}

func (headerScope) Transform(doc *ast.Document, _ gtext.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*east.TableHeader); ok && entering {
			for c := h.FirstChild(); c != nil; c = c.NextSibling() {
				c.SetAttributeString("scope", []byte("col"))
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// scrollTables puts every table of rendered minutes in a keyboard-focusable
// scroll region, as the site's own tables are, so that a wide table scrolls
// by itself on a narrow screen instead of the page. goldmark writes
// "<table>" only for tables: text is escaped and raw HTML omitted.
func scrollTables(html string) string {
	n := 0
	var b strings.Builder
	for {
		i := strings.Index(html, "<table>")
		if i < 0 {
			break
		}
		j := strings.Index(html[i:], "</table>")
		if j < 0 {
			break
		}
		j += i + len("</table>")
		n++
		fmt.Fprintf(&b, `%s<div class="scroll" tabindex="0" role="region" aria-label="纪要表格 %d">%s</div>`, html[:i], n, html[i:j])
		html = html[j:]
	}
	b.WriteString(html)
	return b.String()
}

// headingIDs is a parser.IDs that keeps Chinese (and every other letter or
// digit) in heading ids, unlike goldmark's default, which keeps only ASCII
// and yields "heading" for 会议议题. Spaces and punctuation become "-";
// ids are never empty and repeated ones get -1, -2, ….
type headingIDs struct{ used map[string]bool }

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}} }

// Generate implements parser.IDs.
func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	var b strings.Builder
	dash := false
	for _, r := range string(value) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			b.WriteRune(unicode.ToLower(r))
			dash = false
		case b.Len() > 0 && !dash && (r == '-' || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)):
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.TrimRight(b.String(), "-")
	if id == "" {
		id = "heading"
		if kind != ast.KindHeading {
			id = "id"
		}
	}
	if h.used[id] {
		for i := 1; ; i++ {
			if c := id + "-" + strconv.Itoa(i); !h.used[c] {
				id = c
				break
			}
		}
	}
	h.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }

func (s *site) renderMeetings(ms []meeting) error {
	for _, m := range ms {
		if err := s.emit("meetings/"+m.File, "meeting.html", m.Title, "meetings", m); err != nil {
			return err
		}
	}
	if err := s.renderMeetingPack(ms); err != nil {
		return err
	}
	return s.emit("meetings/index.html", "meetings.html", "联席会议", "meetings", meetingsPage{Meetings: ms, Pack: len(s.reports) > 0})
}
