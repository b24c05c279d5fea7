package csvio

import (
	"archive/zip"
	"bytes"
	"strings"
)

// Container kinds that Sniff recognises: files people send when a CSV is
// asked for, because an office suite saved its own format or the file was
// renamed.
const (
	KindXLSX = "xlsx" // Office Open XML workbook (Excel 2007+, WPS, LibreOffice "Excel 2007-365")
	KindODS  = "ods"  // OpenDocument spreadsheet (LibreOffice's default)
	KindZip  = "zip"  // some other zip archive
	KindXLS  = "xls"  // OLE compound file: Excel 97-2003 .xls (or WPS .et)
)

// Sniff tells by its first bytes whether b is a workbook or an archive
// rather than text, whatever its name says: "xlsx", "ods", "zip", "xls",
// or "" for anything else (text).
func Sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return KindXLS
	case !bytes.HasPrefix(b, []byte("PK\x03\x04")) && !bytes.HasPrefix(b, []byte("PK\x05\x06")):
		return ""
	}
	// An OpenDocument file starts with an uncompressed "mimetype" entry;
	// otherwise the entry names tell (xl/workbook.xml).
	if i := bytes.Index(b[:min(len(b), 200)], []byte("mimetype")); i >= 0 && bytes.Contains(b[i:min(len(b), i+100)], []byte("opendocument.spreadsheet")) {
		return KindODS
	}
	if z, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err == nil {
		for _, f := range z.File {
			switch {
			case strings.HasPrefix(f.Name, "xl/"):
				return KindXLSX
			case f.Name == "content.xml":
				return KindODS
			}
		}
	} else if bytes.Contains(b, []byte("xl/workbook.xml")) {
		return KindXLSX
	}
	return KindZip
}

// SniffMessage is the Chinese error and hint for a file of kind k (from
// Sniff) that was given where a CSV is expected.
func SniffMessage(k string) (msg, hint string) {
	const save = "在 Excel 或 WPS 中打开它，“文件”→“另存为”，文件类型选“CSV UTF-8（逗号分隔）(*.csv)”；" +
		"LibreOffice 中选“文本 CSV (.csv)”，字符集选“Unicode (UTF-8)”，字段分隔符选逗号"
	switch k {
	case KindXLSX:
		return "这个文件实际上是 Excel 工作簿（.xlsx，文件开头为 PK），只是扩展名写成了 .csv，不能按 CSV 读取", save
	case KindODS:
		return "这个文件实际上是 LibreOffice/OpenOffice 电子表格（.ods），只是扩展名写成了 .csv，不能按 CSV 读取", save
	case KindXLS:
		return "这个文件实际上是旧版 Excel 97-2003 工作簿（.xls，二进制格式），只是扩展名写成了 .csv，不能按 CSV 读取", save
	case KindZip:
		return "这个文件实际上是 zip 压缩包（文件开头为 PK），不是 CSV 文本", "解压后提交其中的 CSV 文件；如果是电子表格，" + save
	}
	return "", ""
}
