package csvio

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"lpg/internal/diag"
)

// Decoded is a file converted to UTF-8 text with "\n" line breaks. Line
// breaks are converted one for one (CRLF, LF and lone CR each count as one
// line), so physical line numbers are those of the submitted file.
type Decoded struct {
	Text     string
	Encoding string // "UTF-8", "UTF-8 BOM", "GB18030", "UTF-16LE", "UTF-16BE"
}

// Decode converts b to UTF-8 text. Warnings say what was converted; a
// non-nil error diagnostic means the file cannot be read reliably (for
// example UTF-8 text with a few broken bytes, which would otherwise turn
// into mojibake) and names the line where the problem is.
func Decode(file string, b []byte) (Decoded, []diag.Diagnostic, *diag.Diagnostic) {
	return decode(file, b, false)
}

// decode is Decode; with keep, UTF-8 text (with or without BOM) is b
// itself, not a copy (unsafe.String): the caller gives b up and must not
// change it while the text or any substring of it is in use (ReadRows;
// issue 14: the copy was 26 MB of a five-year validation's 219 MB).
func decode(file string, b []byte, keep bool) (Decoded, []diag.Diagnostic, *diag.Diagnostic) {
	var warns []diag.Diagnostic
	warn := func(code, msg, hint string) {
		warns = append(warns, diag.Diagnostic{File: file, Line: 1, Code: code, Message: msg, Hint: hint, Severity: diag.Warning})
	}
	if k := Sniff(b); k != "" {
		msg, hint := SniffMessage(k)
		return Decoded{}, nil, &diag.Diagnostic{File: file, Line: 1, Code: "encoding.binary", Severity: diag.Error, Message: msg, Hint: hint}
	}
	enc := "UTF-8"
	var text string
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		enc = "UTF-8 BOM"
		b = b[3:] // what Excel's "CSV UTF-8" and lpg's own downloads write: no data changes, so no warning
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		e := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
		enc = "UTF-16LE"
		if b[0] == 0xFE {
			e = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
			enc = "UTF-16BE"
		}
		out, err := e.NewDecoder().Bytes(b)
		if err != nil {
			return Decoded{}, warns, &diag.Diagnostic{File: file, Line: 1, Code: "encoding.invalid", Severity: diag.Error,
				Message: "文件是 UTF-16（Unicode 文本）编码，但内容无法解码", Hint: "在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”后重新提交"}
		}
		warn("encoding.utf16", "文件是 "+enc+"（Excel“Unicode 文本”）编码，已转换为 UTF-8", "建议在 Excel 中另存为“CSV UTF-8（逗号分隔）”")
		text = string(out)
	}
	if text == "" && enc != "UTF-16LE" && enc != "UTF-16BE" {
		if utf8.Valid(b) {
			if keep {
				text = unsafe.String(unsafe.SliceData(b), len(b))
			} else {
				text = string(b)
			}
		} else if line, col, ok := mostlyUTF8(b); ok {
			return Decoded{}, warns, &diag.Diagnostic{File: file, Line: line, Code: "encoding.invalid", Severity: diag.Error, Column: col,
				Message: fmt.Sprintf("第 %d 行有无法识别的字节：文件大部分是 UTF-8 编码，但这一行混入了其他编码的文字", line),
				Hint:    "这通常是从别的文件复制粘贴造成的：在 Excel 中重新输入该行的文字，再“另存为”→“CSV UTF-8（逗号分隔）”"}
		} else {
			out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
			if err != nil || !utf8.Valid(out) {
				return Decoded{}, warns, &diag.Diagnostic{File: file, Line: 1, Code: "encoding.invalid", Severity: diag.Error,
					Message: "文件编码无法识别（既不是 UTF-8，也不是 GBK/GB18030）", Hint: "在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”后重新提交"}
			}
			enc = "GB18030"
			text = string(out)
			warn("encoding.gb18030", "文件是 GBK/GB18030 编码（中文版 Excel 默认的“CSV（逗号分隔）”），已转换为 UTF-8", "建议在 Excel 中另存为“CSV UTF-8（逗号分隔）”：GBK 没有的生僻字（如“𠮷”“䶮”）存成 GBK 时会变成“?”")
		}
	}
	if strings.ContainsRune(text, '\r') {
		crlf := strings.Count(text, "\r\n")
		text = strings.ReplaceAll(text, "\r\n", "\n")
		if lone := strings.Count(text, "\r"); lone > 0 {
			text = strings.ReplaceAll(text, "\r", "\n")
			what := "只用回车符（CR，旧版 Mac 格式）换行"
			if crlf > 0 || strings.Count(text, "\n") > lone+crlf {
				what = "混用了多种换行符（CRLF、LF、CR）"
			}
			warn("newline.mixed", "文件"+what+"，已按每个换行符计为一行读取", "无需处理")
		}
	}
	return Decoded{Text: text, Encoding: enc}, warns, nil
}

// mostlyUTF8 reports whether b is UTF-8 text with some invalid bytes (rather
// than text in another encoding), and where the first invalid byte is: its
// 1-based line and the header of its column (from the first line).
func mostlyUTF8(b []byte) (line int, column string, ok bool) {
	valid, invalid, first := 0, 0, -1
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			invalid++
			if first < 0 {
				first = i
			}
			i++
			continue
		}
		if n >= 3 {
			valid++
		}
		i += n
	}
	if first < 0 || valid <= invalid {
		return 0, "", false
	}
	line = 1 + bytes.Count(b[:first], []byte{'\n'}) + bytes.Count(bytes.ReplaceAll(b[:first], []byte("\r\n"), nil), []byte{'\r'})
	start := bytes.LastIndexAny(b[:first], "\r\n") + 1
	field := bytes.Count(b[start:first], []byte{','})
	hdrEnd := bytes.IndexAny(b, "\r\n")
	if hdrEnd < 0 {
		hdrEnd = len(b)
	}
	hdr := strings.Split(strings.TrimPrefix(string(b[:hdrEnd]), "\uFEFF"), ",")
	if field < len(hdr) && utf8.ValidString(hdr[field]) {
		column = strings.TrimSpace(hdr[field])
	}
	return line, column, true
}
