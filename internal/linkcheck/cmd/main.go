// Command linkcheck checks the links of a generated site: go run
// ./internal/linkcheck/cmd SITE_DIR (see package linkcheck).
package main

import (
	"fmt"
	"os"

	"lpg/internal/linkcheck"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: linkcheck SITE_DIR")
		os.Exit(2)
	}
	os.Exit(linkcheck.Main(os.Args[1]))
}
