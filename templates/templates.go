// Package templates holds the default html/template files and the style
// sheet of the lpg site, embedded in the binary (DESIGN.md "Layout").
//
// layout.html is the shared page frame (navigation, 内部资料 banner,
// footer with 数据版本 and 截至), partials.html the blocks shared by
// several pages ("submissions", "liaisons", …) and due.html the block
// "due" (本月要报) that opens the town and enterprise pages, issue13.html
// the block "issue13" of the report page (入户安检与隐患率, included with the
// page frame: {{template "issue13" $}}); every other .html file defines
// the block "content" of one kind of page: index.html (dashboard),
// reports.html and report.html (monthly reports: the live draft and, with
// .Edition set, an edition; "changes" is the what-changed block),
// files.html (receipts and revision history of every submission file),
// towns.html and town.html
// (per-town status), hazard.html (one page per hazard, 一患一档),
// liaisons.html, meetings.html, meeting.html and meetingpack.html (the
// 联席会议 pack: one A4 sheet per town, printed one page each).
// style.css and lpg.js (the table filters and the offline search; every
// page works without it) are copied to the site root and linked relatively.
//
// Overrides (as hugo does): when the data repository being built holds
// templates/<name>.html (or templates/style.css), that file is used
// instead of the embedded one of the same name; the other files keep their
// embedded defaults. An override receives the same data as the default, so
// start from a copy of the embedded file.
package templates

import "embed"

// FS holds the embedded default templates (*.html), the style sheet (*.css)
// and the script of the filters and the search (lpg.js).
//
//go:embed *.html *.css *.js
var FS embed.FS
