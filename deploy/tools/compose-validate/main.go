// compose-validate loads a Compose file with compose-go, the loader Docker Compose itself uses,
// and fails on anything Compose would refuse: schema errors, bad interpolation, unknown keys,
// depends_on cycles. It needs no Docker engine, so CI can run it (deploy/check.sh).
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: compose-validate <compose file> [profile...]")
		os.Exit(2)
	}
	options, err := cli.NewProjectOptions([]string{os.Args[1]},
		cli.WithOsEnv, cli.WithDotEnv, cli.WithProfiles(os.Args[2:]))
	if err != nil {
		fail(err)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	for _, name := range project.ServiceNames() {
		fmt.Println(name)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "invalid compose file:", err)
	os.Exit(1)
}
