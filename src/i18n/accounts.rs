//! The words of accounts and safety: `hailong users`, the sign-in and accounts pages of
//! `hailong serve`, and its refusals (another commune, a foreign address, too many attempts).
//!
//! Grouped by where they show: the command line, the errors of accounts, the sign-in page, the
//! accounts page, then the server's refusals.

crate::catalogue! {
    /// Every text of accounts and sign-in, both languages side by side.
    pub enum AccountText {
        // `hailong users`.
        /// A province account created.
        AddedProvince => (
            "Đã tạo tài khoản {name}: cấp tỉnh, xem mọi xã và quản lý tài khoản.",
            "Account {name} created: province level, sees every commune and manages accounts.",
        ),
        /// A commune account created.
        AddedCommune => (
            "Đã tạo tài khoản {name}: cấp xã, chỉ xem và nhập phiếu của {commune}.",
            "Account {name} created: commune level, sees and uploads for {commune} only.",
        ),
        /// An account removed.
        Removed => (
            "Đã xoá tài khoản {name}; các phiên đăng nhập của tài khoản này hết hiệu lực.",
            "Account {name} removed; its sign-ins no longer work.",
        ),
        /// A password changed.
        PasswordChanged => (
            "Đã đổi mật khẩu của {name}; các phiên đăng nhập cũ hết hiệu lực.",
            "Password of {name} changed; earlier sign-ins no longer work.",
        ),
        /// `users list` of a workspace without accounts.
        NoAccounts => (
            "Chưa có tài khoản nào. Tạo tài khoản cấp tỉnh: hailong users add TÊN --role province",
            "No accounts yet. Create a province account: hailong users add NAME --role province",
        ),
        /// Column: the account's name.
        Name => ("Tên", "Name"),
        /// Column: province or commune.
        Role => ("Cấp", "Role"),
        /// Column: the account's commune.
        Commune => ("Xã", "Commune"),
        /// Column: when the account was created.
        Created => ("Tạo lúc", "Created"),
        /// A province account.
        RoleProvince => ("tỉnh", "province"),
        /// A commune account.
        RoleCommune => ("xã", "commune"),
        /// The password prompt.
        PromptPassword => ("Mật khẩu cho {name}: ", "Password for {name}: "),
        /// The prompt to type it again.
        PromptAgain => ("Nhập lại mật khẩu: ", "Password again: "),
        /// No terminal to type the password on.
        NoTerminal => (
            "Không có bàn phím để nhập mật khẩu: dùng --password-stdin và đưa mật khẩu vào đầu vào chuẩn",
            "No terminal to type the password on: use --password-stdin and pipe the password in",
        ),
        /// Standard input could not be read.
        StdinUnreadable => (
            "Không đọc được mật khẩu: {message}",
            "Cannot read the password: {message}",
        ),

        // Errors of accounts.
        /// The name is taken.
        Exists => (
            "Đã có tài khoản {name}: chọn tên khác, hoặc đổi mật khẩu của tài khoản đó.",
            "There is already an account {name}: choose another name, or change that account's password.",
        ),
        /// No account of that name.
        Unknown => (
            "Không có tài khoản {name}. Các tài khoản hiện có: {names}",
            "There is no account {name}. Accounts: {names}",
        ),
        /// A name that cannot be an account's.
        BadName => (
            "Tên tài khoản \"{name}\" không dùng được: từ 1 đến 64 ký tự gồm chữ, số, dấu chấm, gạch ngang hoặc gạch dưới, không có dấu cách.",
            "The account name \"{name}\" cannot be used: 1 to 64 letters, digits, dots, hyphens or underscores, without spaces.",
        ),
        /// A password too short.
        ShortPassword => (
            "Mật khẩu quá ngắn: cần ít nhất {min} ký tự.",
            "The password is too short: at least {min} characters.",
        ),
        /// The two passwords typed differ.
        PasswordsDiffer => (
            "Hai lần nhập mật khẩu không giống nhau: chưa thay đổi gì.",
            "The two passwords typed differ: nothing changed.",
        ),
        /// A commune account without its commune.
        CommuneNeeded => (
            "Tài khoản cấp xã cần ghi tên xã của nó.",
            "A commune account needs its commune.",
        ),
        /// A province account given a commune.
        CommuneForProvince => (
            "Tài khoản cấp tỉnh xem mọi xã: không ghi tên xã cho tài khoản này.",
            "A province account sees every commune: give it no commune.",
        ),
        /// A ward named as an account's commune.
        Ward => (
            "{name} là phường: tài khoản cấp xã chỉ dành cho xã.",
            "{name} is a ward: commune accounts are for communes.",
        ),
        /// The hash could not be made.
        Hash => (
            "Không tạo được mã băm của mật khẩu: {message}",
            "Cannot hash the password: {message}",
        ),
        /// The accounts file cannot be read or written.
        FileIo => (
            "Không đọc hoặc ghi được tệp tài khoản {path}: {message}",
            "Cannot read or write the accounts file {path}: {message}",
        ),
        /// The accounts file does not parse.
        FileDamaged => (
            "Tệp tài khoản {path} bị hỏng ({message}): khôi phục bản sao, hoặc xoá tệp rồi tạo lại các tài khoản.",
            "The accounts file {path} is damaged ({message}): restore a copy, or delete it and create the accounts again.",
        ),
        /// The signed-in account asked to remove itself.
        RemoveSelf => (
            "Không xoá tài khoản đang đăng nhập: hãy đăng nhập bằng tài khoản cấp tỉnh khác để xoá.",
            "The account signed in cannot remove itself: sign in with another province account to remove it.",
        ),

        // The sign-in page.
        /// Title, heading and button.
        SignIn => ("Đăng nhập", "Sign in"),
        /// What the accounts are.
        SignInIntro => (
            "Mỗi xã có tài khoản riêng, chỉ xem và nhập phiếu của xã mình; tài khoản cấp tỉnh xem mọi xã.",
            "Each commune has its own account, which sees and uploads for that commune only; a province account sees every commune.",
        ),
        /// The name field.
        AccountName => ("Tên tài khoản", "Account name"),
        /// The password field.
        Password => ("Mật khẩu", "Password"),
        /// The second password field.
        PasswordAgain => ("Nhập lại mật khẩu", "Password again"),
        /// The "remember me" box.
        Remember => (
            "Ghi nhớ đăng nhập trên máy này 30 ngày",
            "Remember me on this device for 30 days",
        ),
        /// A wrong name or password.
        WrongPassword => (
            "Sai tên tài khoản hoặc mật khẩu.",
            "Wrong account name or password.",
        ),
        /// Too many failed attempts.
        Locked => (
            "Đã nhập sai nhiều lần nên tạm khoá đăng nhập: hãy thử lại sau {wait}.",
            "Too many failed attempts, so signing in is paused: try again in {wait}.",
        ),
        /// A wait in seconds.
        Seconds => ("{n} giây", "{n} seconds"),
        /// A wait in minutes.
        Minutes => ("{n} phút", "{n} minutes"),
        /// Title and heading of the access code page.
        CodeTitle => ("Nhập mã truy cập", "Enter the access code"),
        /// What the access code is.
        CodeIntro => (
            "Trang này được bảo vệ bằng mã truy cập. Hãy nhập mã do người quản lý máy chủ cung cấp; máy này sẽ ghi nhớ mã trong 30 ngày.",
            "This page is protected by an access code. Enter the code the server's administrator gave you; this device will remember it for 30 days.",
        ),
        /// The code field.
        Code => ("Mã truy cập", "Access code"),
        /// The button of the code page.
        Continue => ("Tiếp tục", "Continue"),
        /// A wrong code.
        WrongCode => ("Mã truy cập không đúng.", "Wrong access code."),
        /// A server off this machine whose accounts were all removed.
        NoAccountYet => (
            "Máy chủ chưa có tài khoản nào: người quản lý cần tạo tài khoản trên máy chủ (hailong users add).",
            "The server has no account yet: its administrator must create one on the server (hailong users add).",
        ),
        /// Who is signed in.
        SignedInAs => ("Đang đăng nhập: {name}", "Signed in as {name}"),
        /// The sign-out button.
        SignOut => ("Đăng xuất", "Sign out"),
        /// After signing out.
        SignedOut => ("Đã đăng xuất.", "Signed out."),

        // The accounts page.
        /// Link, title and heading.
        Accounts => ("Tài khoản", "Accounts"),
        /// A commune account's own page.
        YourCommune => (
            "Tài khoản {name} thuộc {commune}: chỉ xem và nhập phiếu của xã này.",
            "The account {name} belongs to {commune}: it sees and uploads for this commune only.",
        ),
        /// A province account's own line.
        YourProvince => (
            "Tài khoản {name} cấp tỉnh: xem mọi xã và quản lý tài khoản.",
            "The account {name} is a province account: it sees every commune and manages accounts.",
        ),
        /// Heading of the add form.
        AddAccount => ("Thêm tài khoản", "Add an account"),
        /// The add button.
        Add => ("Thêm", "Add"),
        /// The remove button.
        Remove => ("Xoá", "Remove"),
        /// The commune field's hint.
        CommuneHint => (
            "Chỉ với tài khoản cấp xã, ví dụ: \"Chiềng Mung\"",
            "Commune accounts only, for example: \"Chiềng Mung\"",
        ),
        /// Added from the page.
        AddedWeb => ("Đã tạo tài khoản {name}.", "Account {name} created."),
        /// Removed from the page.
        RemovedWeb => ("Đã xoá tài khoản {name}.", "Account {name} removed."),

        // The server's refusals.
        /// A request without a sign-in (JSON of `/api`).
        SignInNeeded => (
            "Cần đăng nhập (phiên đăng nhập hoặc mã truy cập).",
            "Sign-in required (a session or the access token).",
        ),
        /// A commune account asking for another commune.
        OtherCommune => (
            "Tài khoản {name} chỉ được xem và nhập phiếu của {commune}.",
            "The account {name} may only see and upload for {commune}.",
        ),
        /// A commune account asking for a province page.
        ProvinceOnly => (
            "Chỉ tài khoản cấp tỉnh mở được trang này; tài khoản {name} xem trang của {commune}.",
            "Only a province account may open this page; the account {name} sees the page of {commune}.",
        ),
        /// Title of the refusals.
        NotAllowed => ("Không được phép", "Not allowed"),
        /// A request naming another host (DNS rebinding).
        WrongHost => (
            "Máy chủ này chỉ trả lời khi được mở tại địa chỉ của chính máy này (127.0.0.1, localhost, [::1]); địa chỉ \"{host}\" bị từ chối để bảo vệ dữ liệu.",
            "This server answers only at this machine's own address (127.0.0.1, localhost, [::1]); the address \"{host}\" is refused to protect the data.",
        ),
        /// A link back to the start.
        Home => ("Về trang đầu", "Back to the start"),
        /// Listening beyond this machine without accounts or a token.
        AccessRequired => (
            "Không mở {addr} ra ngoài máy này khi chưa có tài khoản hay mã truy cập: tạo tài khoản bằng hailong users add TÊN --role province, hoặc thêm --token (hoặc biến HAILONG_TOKEN), hoặc dùng 127.0.0.1",
            "Will not open {addr} beyond this machine without accounts or an access token: create one with hailong users add NAME --role province, or add --token (or HAILONG_TOKEN), or use 127.0.0.1",
        ),

        // Who imported.
        /// Heading of the list of files imported, on the commune page.
        FilesImported => ("Tệp đã nhập", "Files imported"),
        /// One file and who imported it.
        ImportedBy => (
            "{file}: nhập lúc {at} bởi {who}",
            "{file}: imported at {at} by {who}",
        ),
        /// One file whose importer is not known.
        ImportedAt => ("{file}: nhập lúc {at}", "{file}: imported at {at}"),
    }
}
