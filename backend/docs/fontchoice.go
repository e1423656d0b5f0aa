package docs

import (
	"context"

	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// fontSetting is the local setting holding the font file chosen for a role.
func fontSetting(role fonts.Role) string { return "docs.font." + string(role) }

// FontInUse is, for one role, the font documents are drawn with, and the
// file the officer chose for it, if any, with what is wrong with that file.
type FontInUse struct {
	Role     string `json:"role"`
	Label    string `json:"label"`    // 小标宋, 仿宋, 黑体, 楷体
	Name     string `json:"name"`     // the face used first
	Embedded bool   `json:"embedded"` // the embedded fallback is used first
	Chosen   string `json:"chosen"`   // the chosen file's path, or ""
	Problem  string `json:"problem"`  // why the chosen file is not used, or ""
}

// ChosenFonts returns base with the font files chosen for this install
// (see ChooseFont) put first, and what is used for each role. A chosen
// file that can no longer be read is left out and its problem reported.
func ChosenFonts(ctx context.Context, db *store.DB, base *fonts.Set) (*fonts.Set, []FontInUse, error) {
	set := base
	var use []FontInUse
	for _, role := range fonts.Roles {
		u := FontInUse{Role: string(role), Label: role.Label()}
		path, err := db.LocalSetting(ctx, fontSetting(role))
		if err != nil {
			return nil, nil, err
		}
		if path != "" {
			u.Chosen = path
			if f, err := fonts.OpenFace("user-"+string(role), path); err != nil {
				u.Problem = errs.As(err).Message
			} else {
				f.Name = role.Label() + "（" + f.Name + "，自选）"
				set = set.With(role, f)
			}
		}
		first := set.Faces(role)[0]
		u.Name, u.Embedded = first.Name, first.Path == ""
		use = append(use, u)
	}
	return set, use, nil
}

// ChooseFont makes the TrueType file at path the first font of role on
// this install. Code invalid (naming the file) for a collection (.ttc), a
// CFF-outline (.otf) font or a file that is not a font; nothing changes then.
func ChooseFont(ctx context.Context, db *store.DB, role fonts.Role, path string) error {
	if _, err := fonts.OpenFace("check", path); err != nil {
		return err
	}
	return db.Write(ctx, func(tx *store.Tx) error { return tx.SetLocal(fontSetting(role), path) })
}

// ResetFont goes back to the system or embedded font for role.
func ResetFont(ctx context.Context, db *store.DB, role fonts.Role) error {
	return db.Write(ctx, func(tx *store.Tx) error { return tx.SetLocal(fontSetting(role), "") })
}
