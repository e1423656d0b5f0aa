package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"xiangzhi/backend/settings"
)

// cmdOffice shows this office's names and, with --name or --short, changes them:
// xiangzhi-cli office --db PATH [--name NAME] [--short SHORT] [--json]
func cmdOffice(args []string, out io.Writer) error {
	fs := newFlags("office")
	name := fs.String("name", "", "")
	short := fs.String("short", "", "")
	db, asJSON, err := openFlagged(fs, args)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	s := &settings.Service{DB: db}
	given := map[string]bool{} // --name '' is a name given empty, which SetOfficeName refuses
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if given["name"] {
		if err := s.SetOfficeName(ctx, *name); err != nil {
			return err
		}
	}
	if given["short"] {
		if err := s.SetShortName(ctx, *short); err != nil {
			return err
		}
	}
	info, err := s.Info(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(out, map[string]string{"officeName": info.OfficeName, "shortName": info.ShortName, "siteId": info.SiteID})
	}
	fmt.Fprintf(out, "单位名称：%s\n单位简称：%s\n单位标识：%s\n", orNone(info.OfficeName), orNone(info.ShortName), info.SiteID)
	return nil
}
