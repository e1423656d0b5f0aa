package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"xiangzhi/backend/calendar"
)

func init() { commands["holidays"] = cmdHolidays }

// holidayList is what `holidays --json` prints: the years the calendar knows and the year missing.
type holidayList struct {
	Years   []calendar.YearInfo `json:"years"`
	Missing calendar.Warning    `json:"missing"`
}

// cmdHolidays lists the years the working-day calendar knows — built in, or entered by the office
// (设置 → 节假日安排) — with the holidays entered, and warns of a year missing.
func cmdHolidays(args []string, out io.Writer) error {
	fs := newFlags("holidays")
	db, asJSON, err := openFlagged(fs, args)
	if err != nil {
		return err
	}
	defer db.Close()
	years, err := calendar.Years(context.Background(), db)
	if err != nil {
		return err
	}
	list := holidayList{Years: years, Missing: calendar.Missing(db.Today())}
	if asJSON {
		return writeJSON(out, list)
	}
	for _, y := range years {
		switch {
		case y.Entered:
			var names []string
			for _, h := range y.Holidays {
				names = append(names, h.Name)
			}
			fmt.Fprintf(out, "%d年：本单位录入（%s）\n", y.Year, strings.Join(names, "、"))
		case y.BuiltIn:
			fmt.Fprintf(out, "%d年：内置\n", y.Year)
		default:
			fmt.Fprintf(out, "%d年：未录入（只休周六、周日）\n", y.Year)
		}
	}
	if list.Missing.Year != 0 {
		fmt.Fprintln(out, list.Missing.Message)
	}
	return nil
}
