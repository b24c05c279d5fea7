// Command lpg validates the Qingpu bottled-LPG hazard data repository and
// builds its report site. See `lpg help` and README.md.
package main

import (
	"os"

	"lpg/internal/cli"
)

func main() {
	c := &cli.Command{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, DefaultCache: cli.DefaultCacheDir}
	os.Exit(c.Main(os.Args))
}
