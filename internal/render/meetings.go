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

	"lpg/internal/calendar"
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
	used := map[string]bool{}
	for _, n := range notes {
		used[strings.TrimSuffix(path.Base(n.File), ".md")] = true
	}
	for _, n := range notes {
		if !layout.IsMeeting(n.File) { // validate reads no other; a model built by hand may hold one
			continue
		}
		stem := strings.TrimSuffix(path.Base(n.File), ".md")
		if text(stem) != stem { // F5: the stem is the page's address
			stem = publicStem(n.Note.Date(), used)
		}
		m, err := renderMeeting(stem, n.Note, text)
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

// publicStem is the name a note whose file name the masker changes (it
// holds a phone, a house number or a name: validate's meeting.file_name
// refuses it) is published under (review of 2026-12-02, F5): its date
// (YYYY-MM-DD, "meeting" when it has none that reads) and "-1", "-2", …,
// the first not in used, which it joins.
func publicStem(date string, used map[string]bool) string {
	if _, err := calendar.ParseISODate(date); err != nil {
		date = "meeting"
	}
	for i := 1; ; i++ {
		if s := date + "-" + strconv.Itoa(i); !used[s] {
			used[s] = true
			return s
		}
	}
}

// renderMeeting turns one note into a meeting: title and date of its
// front matter (the stem when there is no title) through text, and the
// body through goldmark with GFM tables and heading ids that keep Chinese,
// text applied to what the page shows (scrubShown), not to the Markdown
// source, whose syntax (138**0013**2405, &#49;…) would otherwise rebuild
// a number the scanner did not see; raw HTML in the Markdown is not
// passed through. The decisions are
// the note's, their free-text cells through text.
func renderMeeting(stem string, n minutes.Note, text func(string) string) (meeting, error) {
	body := []byte(n.Body())
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
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithASTTransformers(
			util.Prioritized(headerScope{}, 1000), util.Prioritized(scrubShown{text}, 900), util.Prioritized(localImages{}, 800))),
	)
	var b bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	if err := md.Convert(body, &b, parser.WithContext(ctx)); err != nil {
		return meeting{}, err
	}
	m.Body = template.HTML(scrollTables(b.String())) // goldmark escapes text and omits raw HTML (no html.WithUnsafe)
	return m, nil
}

// localImages turns every image of a note whose destination is not a path
// within the site (a scheme such as http: or data:, or a protocol-relative
// //host) into a link to it whose text is the image's description and
// “（外部图片）”: the site loads nothing from elsewhere (README 网站页面;
// review round 3, G14: a tracking pixel in a note was fetched by every
// reader, and is a broken image on the intranet).
type localImages struct{}

func (localImages) Transform(doc *ast.Document, _ gtext.Reader, _ parser.Context) {
	var imgs []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering && externalURL(string(img.Destination)) {
			imgs = append(imgs, img)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range imgs {
		link := ast.NewLink()
		link.Destination, link.Title = img.Destination, img.Title
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		link.AppendChild(link, ast.NewString([]byte("（外部图片）")))
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
}

// externalURL reports whether dest names something outside the site: it
// has a scheme (http:, https:, data:, file: …) or starts with "//" or a
// backslash (which browsers read as "/"). Pure.
func externalURL(dest string) bool {
	d := strings.TrimSpace(dest)
	if strings.HasPrefix(d, "//") || strings.HasPrefix(d, `\`) || strings.HasPrefix(d, `/\`) || strings.HasPrefix(d, `\/`) {
		return true
	}
	if i := strings.IndexAny(d, ":/?#"); i > 0 && d[i] == ':' {
		return true
	}
	return false
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

// scrubShown applies text (the masker) to what a meeting page shows, after
// goldmark has parsed the Markdown (review of 2026-12-02, F4): for each
// block of inline content (paragraph, list item, heading, table cell) the
// plain text its inlines display (plainText: emphasis and links dropped,
// backslash escapes and entities decoded, line breaks as "\n") goes
// through text; where text changes it, the block's inlines are replaced by
// the masked plain text as one literal string, so its formatting is lost
// only where personal data was and the masks' "*" are never Markdown
// syntax. A heading so replaced, or whose id (made from its source line)
// text would change, gets its id from the masked text. A code block whose
// lines text changes is shown as the masked lines; link and image
// destinations and titles go through text too. With the identity (the
// internal build) nothing changes.
type scrubShown struct{ text func(string) string }

func (t scrubShown) Transform(doc *ast.Document, reader gtext.Reader, pc parser.Context) {
	src := reader.Source()
	type swap struct{ old, new ast.Node }
	var swaps []swap
	var blocks []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeBlock, ast.KindFencedCodeBlock:
			var b bytes.Buffer
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
			if v := b.String(); t.text(v) != v {
				code := ast.NewString([]byte("<pre><code>" + string(util.EscapeHTML([]byte(t.text(v)))) + "</code></pre>\n"))
				code.SetCode(true) // written as is: escaped here
				swaps = append(swaps, swap{n, code})
			}
			return ast.WalkSkipChildren, nil
		}
		if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
			blocks = append(blocks, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, sw := range swaps {
		sw.old.Parent().ReplaceChild(sw.old.Parent(), sw.old, sw.new)
	}
	for _, n := range blocks {
		plain := plainText(n, src)
		masked := t.text(plain)
		h, heading := n.(*ast.Heading)
		if masked != plain {
			n.RemoveChildren(n)
			str := ast.NewString([]byte(masked))
			str.SetRaw(true) // HTML-escaped, no Markdown nor entities
			n.AppendChild(n, str)
		} else {
			t.destinations(n)
		}
		if !heading {
			continue
		}
		if id, ok := h.AttributeString("id"); ok {
			if v, _ := id.([]byte); masked != plain || t.text(string(v)) != string(v) {
				h.SetAttributeString("id", pc.IDs().Generate([]byte(masked), ast.KindHeading))
			}
		}
	}
}

// destinations applies text to the destination and title of every link
// and image below n.
func (t scrubShown) destinations(n ast.Node) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := c.(type) {
		case *ast.Link:
			l.Destination, l.Title = t.bytes(l.Destination), t.bytes(l.Title)
		case *ast.Image:
			l.Destination, l.Title = t.bytes(l.Destination), t.bytes(l.Title)
		}
		return ast.WalkContinue, nil
	})
}

// bytes is text for a byte slice, returning b itself when text keeps it.
func (t scrubShown) bytes(b []byte) []byte {
	if v := t.text(string(b)); v != string(b) {
		return []byte(v)
	}
	return b
}

// plainText returns the text the inlines of block n display: text
// segments with backslash escapes, numeric references and entity names
// resolved (as goldmark's HTML writer does; raw segments of code spans as
// they are), strings, autolinks' labels, "\n" for a line break; raw HTML,
// which the page omits, is left out.
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch x := c.(type) {
		case *ast.Text:
			seg := x.Segment
			v := seg.Value(src)
			if !x.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
			if x.SoftLineBreak() || x.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(x.Value)
		case *ast.AutoLink:
			b.Write(x.Label(src))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
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
