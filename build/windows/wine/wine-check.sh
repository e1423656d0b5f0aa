#!/bin/bash
# Runs the Windows build under wine, headless, for make test.
#
#   wine-check.sh prefix    DIR STUB.dll       make the wine prefix DIR/prefix from scratch
#   wine-check.sh selftest  DIR xiangzhi-cli.exe   run "selftest" and check its font report
#   wine-check.sh installer DIR installer.exe      install and uninstall silently, check where things go
#
# Everything wine writes stays under DIR: the prefix, and a home folder (wine links the prefix's
# Desktop and Documents to $HOME, where the installer puts its desktop shortcut).
set -euo pipefail

cmd=$1
dir=$(realpath -m "$2")
arg=$(realpath -m "$3")

export WINEPREFIX="$dir/prefix" WINEARCH=win64 WINEDEBUG=-all HOME="$dir/home" LC_ALL=C.UTF-8
# No Mono or Gecko install dialogs, no menu entries; bcryptprimitives is the stub (see bcryptprimitives.c).
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d;bcryptprimitives=n"
unset DISPLAY WAYLAND_DISPLAY XDG_CONFIG_HOME XDG_DATA_HOME XDG_RUNTIME_DIR
mkdir -p "$HOME"

# winpath P: the path P as the Windows programs under wine see it (drive Z: is /).
winpath() { printf 'Z:%s' "$(realpath -m "$1" | tr / '\\')"; }

seconds() { echo "$(($(date +%s%N) / 1000000))"; }
since() { local ms=$(($(seconds) - $1)); printf '%d.%03d s' $((ms / 1000)) $((ms % 1000)); }

fail() {
	echo "wine-check $cmd: $*" >&2
	exit 1
}

case "$cmd" in
prefix)
	start=$(seconds)
	wineserver -k 2>/dev/null || true
	rm -rf "$WINEPREFIX"
	wineboot -i
	wineserver -w
	# Go loads bcryptprimitives.dll from system32 only.
	cp "$arg" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
	build=$(wine reg query 'HKLM\Software\Microsoft\Windows NT\CurrentVersion' /v CurrentBuildNumber | tr -d '\r' | awk '/CurrentBuildNumber/ { print $3 }')
	if [ "${build:-0}" -lt 10240 ]; then # the installer wants Windows 10
		winecfg -v win10
	fi
	wineserver -w
	touch "$WINEPREFIX/.ready"
	echo "wine: prefix $WINEPREFIX made in $(since "$start") ($(wine --version))"
	;;

selftest)
	work="$dir/自检 目录"
	fonts="$dir/字体 文件夹"
	rm -rf "$work" "$fonts"
	mkdir -p "$work" "$fonts"
	cp /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf "$fonts/simkai.ttf"
	start=$(seconds)
	set +e
	out=$(XIANGZHI_FONT_DIRS="$(winpath "$fonts")" wine "$arg" selftest --dir "$(winpath "$work")" 2>&1)
	code=$?
	set -e
	out=${out//$'\r'/}
	echo "$out"
	echo "wine: selftest ran in $(since "$start")"
	[ "$code" = 0 ] || fail "xiangzhi-cli.exe selftest exited $code"
	want="[通过] 字体 楷体 kai：$(winpath "$fonts")\\simkai.ttf（"
	grep -qF -- "$want" <<<"$out" || fail "the 楷体 role did not come from $(winpath "$fonts")\\simkai.ttf"
	grep -qF -- "[通过] 创建数据库 $(winpath "$work")\\乡治通 自检 " <<<"$out" || fail "the database is not in $(winpath "$work")"
	ls "$work"/乡治通\ 自检\ */备份\ 自检.db >/dev/null || fail "no backup file under $work"
	# A later process maps the fonts the selftest expanded into the cache (Windows file mapping), and
	# prints the same document as before.
	cache="$(winepath -u "$(wine cmd /c 'echo %LOCALAPPDATA%' | tr -d '\r')" | tr -d '\r')/Xiangzhi/unpacked"
	ls "$cache"/fang.ttf-* >/dev/null || fail "the selftest left no expanded font in $cache"
	wine "$arg" doc kinds --json | tr -d '\r' | /usr/bin/python3 -c \
		'import json,sys; print([k for k in json.load(sys.stdin) if k["name"]=="notice"][0]["example"])' >"$work/通知.json"
	for n in 1 2; do
		XIANGZHI_FONT_DIRS=none wine "$arg" doc render --kind notice --in "$(winpath "$work")\通知.json" \
			-o "$(winpath "$work")\通知$n.pdf" >/dev/null || fail "doc render from the cache failed"
	done
	cmp -s "$work/通知1.pdf" "$work/通知2.pdf" || fail "two renders from the cached fonts differ"
	pdftotext "$work/通知1.pdf" - | grep -qF "丹口镇人民政府文件" || fail "the notice rendered from the cache lacks its text"
	echo "wine: doc render with the fonts mapped from $cache"
	;;

installer)
	start=$(seconds)
	key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Xiangzhi'
	hklm='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\Xiangzhi'
	local_win=$(wine cmd /c 'echo %LOCALAPPDATA%' | tr -d '\r')
	local_dir=$(winepath -u "$local_win" | tr -d '\r')
	programs="$local_dir/Programs/乡治通"
	data="$local_dir/Xiangzhi"
	shortcut="$HOME/乡治通.lnk" # the prefix's Desktop is a link to $HOME
	roaming=$(winepath -u "$(wine cmd /c 'echo %APPDATA%' | tr -d '\r')" | tr -d '\r')
	menu="$roaming/Microsoft/Windows/Start Menu/Programs/乡治通.lnk"
	[ -d "$local_dir" ] || fail "no %LOCALAPPDATA% folder ($local_win → $local_dir)"

	# The installer asks for no administrator rights (Windows reads this; wine does not enforce it).
	grep -aq 'level="asInvoker"' "$arg" || fail "the installer's manifest does not ask for asInvoker"

	# WebView2 counts as installed for this user when this value is set (wine has none).
	webview2='HKCU\Software\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}'
	wine reg delete "$webview2" /f >/dev/null 2>&1 || true

	uninstall() { # uninstall.exe copies itself to %TEMP% and returns; wineserver -w waits for the copy
		wine "$programs/uninstall.exe" /S "$@"
		wineserver -w
	}
	# The installer runs from a folder of its own, where a test may put Microsoft's standalone
	# WebView2 runtime installer beside it (a stand-in: any program is enough to see it started).
	setup="$WINEPREFIX/drive_c/安装 程序"
	rm -rf "$setup"
	mkdir -p "$setup"
	cp "$arg" "$setup/xiangzhi-setup.exe"
	offline="$setup/MicrosoftEdgeWebView2RuntimeInstallerX64.exe"
	install() { # install WEBVIEW2: what the installer must do about WebView2: offline, download or none
		rm -rf "$programs" "$shortcut"
		# Wine traces the processes started, to tell what the installer ran.
		local trace
		trace=$(WINEDEBUG=trace+process wine "$setup/xiangzhi-setup.exe" /S 2>&1 >/dev/null)
		wineserver -w
		local ran_offline=no ran_bootstrapper=no
		grep -qF MicrosoftEdgeWebView2RuntimeInstallerX64.exe <<<"$trace" && ran_offline=yes
		grep -qF MicrosoftEdgeWebview2Setup.exe <<<"$trace" && ran_bootstrapper=yes
		case "$1" in
		offline)
			[ $ran_offline = yes ] || fail "the installer did not start the standalone WebView2 installer beside it"
			[ $ran_bootstrapper = no ] || fail "the installer fetched the bootstrapper although the standalone installer is beside it"
			;;
		download) # offline here, the download fails and the install goes on; online, the bootstrapper runs
			[ $ran_offline = no ] || fail "the installer started a standalone WebView2 installer that is not there"
			;;
		none)
			[ $ran_offline = no ] && [ $ran_bootstrapper = no ] ||
				fail "the installer started a WebView2 installer although this user has WebView2"
			;;
		esac
		for f in xiangzhi.exe xiangzhi-cli.exe uninstall.exe; do
			[ -f "$programs/$f" ] || fail "$f is not in $programs"
		done
		[ ! -e "$programs/MicrosoftEdgeWebview2Setup.exe" ] || fail "the bootstrapper was left in $programs"
		[ ! -e "$WINEPREFIX/drive_c/Program Files/乡治通" ] || fail "files went to Program Files"
		wine reg query "$key" /v UninstallString >/dev/null || fail "no uninstall key $key"
		if wine reg query "$hklm" >/dev/null 2>&1; then fail "an uninstall key was written to $hklm"; fi
		grep -aqF 'Programs\\\x4e61\x6cbb\x901a\\uninstall.exe' "$WINEPREFIX/user.reg" ||
			fail "the uninstall key does not point at $programs/uninstall.exe"
		[ -f "$shortcut" ] || fail "no desktop shortcut $shortcut"
		[ -f "$menu" ] || fail "no Start menu shortcut for this user ($menu)"
		[ ! -e "$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/乡治通.lnk" ] ||
			fail "a Start menu shortcut was made for all users"
	}

	# The installer does not carry Microsoft's WebView2 bootstrapper (it needs the network anyway):
	# without WebView2 it downloads it, and the install goes on when it cannot (no network here).
	install download
	echo "wine: installed into $programs, uninstall key $key (WebView2 missing: download tried, install went on)"
	uninstall
	# Microsoft's standalone runtime installer beside the installer is used instead, with no network.
	cp "$WINEPREFIX/drive_c/windows/system32/hostname.exe" "$offline"
	install offline
	rm -f "$offline"
	echo "wine: installed again (WebView2 missing, the standalone installer beside it started)"
	# The installed command line runs and makes the data folder, as the app would.
	rm -rf "$data"
	wine "$programs/xiangzhi-cli.exe" init --db "$local_win\\Xiangzhi\\xiangzhi.db" --office 自检乡镇 | tr -d '\r'
	[ -f "$data/xiangzhi.db" ] || fail "xiangzhi-cli.exe init did not write $data/xiangzhi.db"

	uninstall
	[ ! -e "$programs" ] || fail "the uninstaller left $programs: $(ls "$programs")"
	if wine reg query "$key" >/dev/null 2>&1; then fail "the uninstaller left $key"; fi
	[ ! -e "$shortcut" ] || fail "the uninstaller left the desktop shortcut"
	[ ! -e "$menu" ] || fail "the uninstaller left the Start menu shortcut"
	[ -f "$data/xiangzhi.db" ] || fail "the uninstaller removed the data folder $data without being asked"
	echo "wine: uninstalled; the data folder $data is kept"

	wine reg add "$webview2" /v pv /t REG_SZ /d 120.0.2210.91 /f >/dev/null
	cp "$WINEPREFIX/drive_c/windows/system32/hostname.exe" "$offline"
	install none
	rm -f "$offline"
	echo "wine: installed again (WebView2 there for this user: no WebView2 installer started)"
	uninstall /DELETEDATA
	[ ! -e "$programs" ] || fail "the uninstaller left $programs"
	[ ! -e "$data" ] || fail "uninstall /DELETEDATA left the data folder $data"
	echo "wine: installed again and uninstalled with /DELETEDATA: the data folder is removed"
	rm -rf "$setup"
	echo "wine: installer checks passed in $(since "$start")"
	;;

*)
	fail "unknown command (prefix, selftest or installer)"
	;;
esac
