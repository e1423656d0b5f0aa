package roster

import (
	"reflect"
	"testing"

	"xiangzhi/backend/grid"
)

// A packed row unpacks to the row, every field of it.
func TestPackedRowRoundTrip(t *testing.T) {
	rows := []Row{
		{},
		{Number: 1_048_576, Village: "丹口村", Piece: "未分片", Group: "第3组", Neighbourhood: "未分邻", HouseholdCode: "00017",
			HeadName: "杨明", Address: "丹口村3组17号", Tags: []string{"低保户", "脱贫户"},
			Resident: grid.ResidentInput{HouseholdID: "h", Name: "杨喆", Relation: "子", IDNumber: "43112919900101001X",
				Sex: "男", BirthDate: "1990-01-01", Ethnicity: "苗族", Phone: "13900000000", PartyMember: true,
				Notes: "第一行\n第二行，" + string(make([]byte, 300))}},
	}
	for _, r := range rows {
		if got := packRow(r).row(); !reflect.DeepEqual(got, r) {
			t.Errorf("packed and unpacked\n%+v\nwant\n%+v", got, r)
		}
	}
	// Every text field of a Row is packed: one more field must be added to texts.
	strings := 0
	for _, typ := range []reflect.Type{reflect.TypeOf(Row{}), reflect.TypeOf(grid.ResidentInput{})} {
		for i := 0; i < typ.NumField(); i++ {
			if typ.Field(i).Type.Kind() == reflect.String {
				strings++
			}
		}
	}
	if n := len((&Row{}).texts()); n != strings {
		t.Errorf("texts packs %d fields, Row has %d text fields", n, strings)
	}
}
