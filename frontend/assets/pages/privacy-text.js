// The privacy statement shown at /privacy: Vietnamese first, English on the
// switch. PRIVACY.md at the repository's root says the same in English;
// change both together (the retention periods are constants in
// services/domain/src/retention.rs).

export const PRIVACY = {
  vi: {
    title: "Quyền riêng tư và dữ liệu cá nhân",
    intro:
      "Coopbridge do tổ chức cài đặt nó vận hành (liên minh hợp tác xã, hội nông dân, sở… của tỉnh — “đơn vị vận hành”). Đơn vị vận hành là bên kiểm soát dữ liệu theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân và Luật Bảo vệ dữ liệu cá nhân (hiệu lực từ 01/01/2026). Trang này nói Coopbridge thu thập gì, để làm gì, ai xem được, lưu bao lâu và cách bạn thực hiện từng quyền.",
    sections: [
      {
        heading: "Dữ liệu của ai, gồm những gì, để làm gì",
        items: [
          "Người có tài khoản (thành viên HTX, nhân viên doanh nghiệp, cán bộ tổ chức, quản trị viên): email, tên hiển thị, mật khẩu (chỉ lưu dạng băm argon2), vai trò, tổ chức mình thuộc về, lần đăng nhập gần nhất, các phiên đăng nhập (thời điểm tạo, dùng, kết thúc; mã phiên chỉ lưu dạng băm) — để đăng nhập và làm việc thay mặt tổ chức.",
          "Những gì người có tài khoản viết hoặc làm: yêu cầu hỏi hàng, tin nhắn, thay đổi trạng thái, nhu cầu mua và chào hàng, thỏa thuận liên kết đã ghi nhận hoặc xác nhận, quyết định về hồ sơ hội chợ, tệp đã tải lên, chỉnh sửa hồ sơ tổ chức khác (nhật ký) — đây là hồ sơ kinh doanh của các tổ chức; người viết được giữ để ai cũng thấy ai đã làm gì.",
          "Người liên hệ ghi trên hồ sơ HTX hoặc doanh nghiệp: tên, chức vụ, điện thoại, email, Zalo, cùng việc ai đã ghi nhận người đó đồng ý được ghi tên và vào lúc nào — để bên mua và HTX đang trao đổi liên lạc được với nhau.",
          "Bất kỳ ai gửi yêu cầu: bản băm của email và địa chỉ mạng đã thử, trong bộ đếm giới hạn tần suất — để chặn dò mật khẩu và thư rác.",
          "Ngoài ra Coopbridge không thu thập gì về khách truy cập: không thống kê, không quảng cáo, không mã của bên thứ ba, không cookie (mã đăng nhập lưu trong bộ nhớ cục bộ của trình duyệt).",
        ],
      },
      {
        heading: "Ai xem được",
        items: [
          "Thông tin tài khoản: chính tài khoản đó và quản trị viên.",
          "Người liên hệ: thành viên của tổ chức; bên mua hoặc HTX có yêu cầu hỏi hàng đã được tổ chức chấp nhận (đang trao đổi hoặc đã thống nhất); cán bộ tổ chức của tỉnh đó (hoặc của cơ quan cấp quốc gia); quản trị viên. Không bao giờ là khách chưa đăng nhập hay máy tìm kiếm.",
          "Yêu cầu hỏi hàng và tin nhắn: hai tổ chức trong yêu cầu đó.",
          "Nhật ký của một tổ chức: thành viên của tổ chức, cán bộ tổ chức phụ trách tỉnh đó, quản trị viên.",
          "Nhân viên của đơn vị vận hành có quyền vào máy chủ hoặc cơ sở dữ liệu xem được mọi dữ liệu; bản sao lưu chứa cùng dữ liệu. Dữ liệu không được bán hay chuyển cho bên thứ ba.",
        ],
      },
      {
        heading: "Sự đồng ý của người liên hệ",
        items: [
          "Chỉ ghi tên một người liên hệ khi người đó đồng ý. Khi lưu hồ sơ, người lưu phải xác nhận điều đó; Coopbridge ghi lại tài khoản đã xác nhận và thời điểm.",
          "Khi thông tin của người liên hệ thay đổi, cần xác nhận lại. Người liên hệ được ghi trước khi có yêu cầu này hiện “chưa ghi nhận sự đồng ý” cho đến khi có người xác nhận hoặc xoá.",
        ],
      },
      {
        heading: "Lưu trong bao lâu",
        items: [
          "Tài khoản: đến khi bị xoá; sau đó dòng dữ liệu được giữ ở dạng ẩn danh (xem bên dưới).",
          "Phiên đăng nhập: đến 30 ngày sau khi hết hạn hoặc đăng xuất, rồi bị một tác vụ hằng ngày xoá.",
          "Bộ đếm giới hạn tần suất: đến 24 giờ sau lần cuối giới hạn ai đó, rồi bị tác vụ hằng ngày xoá.",
          "Hồ sơ kinh doanh (hỏi hàng, tin nhắn, thỏa thuận, hồ sơ hội chợ, nhật ký): chừng nào tổ chức còn cần; người viết là tài khoản đã xoá hiện là “tài khoản đã xoá”.",
          "Người liên hệ: đến khi tổ chức xoá.",
          "Bản sao lưu (khi đơn vị vận hành đặt lịch sao lưu): giữ 7 bản mới nhất theo mặc định, mỗi ngày một bản. Dữ liệu đã xoá hoặc ẩn danh trên hệ thống sẽ ra khỏi các bản sao lưu khi chúng được thay mới, theo mặc định sau một tuần.",
          "Nhật ký thông báo và thư sẽ được bổ sung vào danh sách này, với thời hạn riêng, khi có tính năng thông báo. Coopbridge không ghi nhật ký lượt quét mã QR truy xuất.",
        ],
      },
      {
        heading: "Quyền của bạn và cách thực hiện",
        items: [
          "Được biết và nhận bản sao: đăng nhập, mở “Tài khoản của tôi” và chọn “Tải dữ liệu của tôi”. Bạn nhận một tệp JSON gồm tài khoản, tổ chức, phiên đăng nhập, yêu cầu hỏi hàng, tin nhắn, nhu cầu mua, chào hàng, thỏa thuận và quyết định hồ sơ bạn đã thực hiện, tệp bạn đã tải lên và các mục nhật ký do bạn tạo.",
          "Được chỉnh sửa: sửa tên hiển thị và đổi mật khẩu ở “Tài khoản của tôi”; muốn đổi email đăng nhập, hãy liên hệ đơn vị vận hành (họ kiểm tra đúng là bạn). Thông tin người liên hệ do thành viên tổ chức sửa trong trang hồ sơ.",
          "Được xoá: ở “Tài khoản của tôi”, chọn “Xoá tài khoản” (nhập mật khẩu hiện tại và xác nhận). Quản trị viên cũng có thể xoá một tài khoản và phải ghi lý do. Khi đó tên, email và mật khẩu bị xoá (tên hiện là “tài khoản đã xoá”), bạn rời mọi tổ chức và mọi phiên đăng nhập kết thúc ngay. Hồ sơ người khác cần (chuỗi hỏi hàng, thỏa thuận, hồ sơ hội chợ) vẫn giữ nhưng không còn tên bạn. Hồ sơ công khai của tổ chức vẫn còn trừ khi thành viên lưu trữ nó. Email có thể dùng để đăng ký lại.",
          "Yêu cầu xoá người liên hệ: thành viên tổ chức (hoặc cán bộ tổ chức, quản trị viên thay mặt) chọn “Xoá hẳn người liên hệ” trong trang hồ sơ: thông tin bị xoá khỏi hồ sơ và mọi bản sao trong nhật ký của tổ chức được thay bằng “[đã xoá]”.",
          "Rút lại sự đồng ý: người liên hệ không muốn được ghi tên nữa liên hệ tổ chức hoặc đơn vị vận hành để được xoá như trên.",
          "Với mọi việc khác, hoặc khi không đăng nhập được, hãy liên hệ đơn vị vận hành hệ thống bạn đang dùng. Đơn vị vận hành trả lời trong thời hạn luật định (Nghị định 13/2023/NĐ-CP: 72 giờ với yêu cầu xoá hoặc ngừng xử lý dữ liệu).",
        ],
      },
    ],
  },
  en: {
    title: "Privacy and personal data",
    intro:
      "Coopbridge is run by the organization that installs it (a provincial cooperative alliance, farmers' association, department…: “the operator”). The operator is the data controller under Decree 13/2023/NĐ-CP on personal data protection and the Personal Data Protection Law (in force from 1 January 2026). This page says what Coopbridge collects, why, who sees it, how long it is kept and how you exercise each right.",
    sections: [
      {
        heading: "Whose data, what, and why",
        items: [
          "People with an account (cooperative members, buyers' staff, organizers, admins): email, display name, password (as an argon2 hash only), role, their organizations, last sign-in, sign-in sessions (when made, used, ended; the token only as a hash) — to sign in and act for their organization.",
          "What people with an account write or do: inquiries, messages, status changes, purchase requests and offers, linkage agreements recorded or confirmed, fair application decisions, uploaded files, edits to other organizations (the audit record) — the organizations' business records; the author is kept so everyone sees who did what.",
          "Contact persons on a cooperative's or buyer company's profile: name, job title, phone, email, Zalo, and who recorded that the person agreed to be listed, and when — so that buyers and cooperatives in a conversation can reach each other.",
          "Anyone sending requests: a hash of the email and network address tried, in rate-limit counters — to slow down password guessing and spam.",
          "Nothing else is collected about visitors: no analytics, no advertising, no third-party scripts, no cookies (the sign-in token is kept in the browser's local storage).",
        ],
      },
      {
        heading: "Who sees it",
        items: [
          "An account's details: the account itself and admins.",
          "Contact persons: the organization's members; a buyer or cooperative whose inquiry the organization accepted (in discussion or agreed); organizers of its province (or of a national body); admins. Never anonymous visitors or search engines.",
          "Inquiries and messages: the two organizations in the inquiry.",
          "An organization's audit record: its members, organizers covering its province, admins.",
          "The operator's staff with access to the server or database see everything; backups hold the same data. Nothing is sold or passed to third parties.",
        ],
      },
      {
        heading: "Consent of contact persons",
        items: [
          "A contact person is listed only if they agreed. Whoever saves the profile confirms that; Coopbridge records which account confirmed it and when.",
          "A contact whose details change needs a new confirmation. Contacts listed before this was asked show “consent not recorded” until someone confirms or removes them.",
        ],
      },
      {
        heading: "How long it is kept",
        items: [
          "Accounts: until deleted; then the row stays, anonymised (see below).",
          "Sign-in sessions: until 30 days after they expired or were signed out, then deleted by a daily job.",
          "Rate-limit counters: until 24 hours after they last limited anyone, then deleted by the daily job.",
          "Business records (inquiries, messages, agreements, applications, audit record): as long as the organizations need them; a deleted author shows as “tài khoản đã xoá”.",
          "Contact persons: until the organization removes them.",
          "Backups, when the operator schedules them: the newest 7 by default, one a day. What is deleted or anonymised leaves the backups as they are replaced, after a week by default.",
          "Notification and mail logs will join this list, with their own periods, when notifications are added. Coopbridge keeps no log of traceability QR scans.",
        ],
      },
      {
        heading: "Your rights, and how to use them",
        items: [
          "To know and get a copy: signed in, open “My account” and choose “Download my data”. You get a JSON file with your account, organizations, sessions, the inquiries, messages, requests, offers, agreements and application decisions you authored, the files you uploaded and the audit entries you made.",
          "To correct: correct your display name and change your password on “My account”; to change your sign-in email, ask the operator, who checks that it is you. Contact persons are corrected by the organization's members in its profile editor.",
          "To delete: on “My account”, “Delete account” (your current password and a confirmation). An admin can also delete an account, giving a reason. Your name, email and password are erased (the name reads “tài khoản đã xoá”), you leave every organization and every session ends at once. Records others rely on (inquiry threads, agreements, fair applications) stay, without your name. Your organization's public profile stays unless its members archive it. The email can be registered again.",
          "To have a contact person removed: the organization's members (or an organizer or admin acting for it) choose “Remove contact person for good” in the profile editor: the details leave the profile and every copy in the organization's audit record reads “[đã xoá]”.",
          "To withdraw consent: a contact person who no longer wants to be listed asks the organization or the operator to remove them as above.",
          "For anything else, or if you cannot sign in, write to the operator of the installation you use. The operator answers within the time the law sets (Decree 13/2023/NĐ-CP: 72 hours for a request to delete or stop processing).",
        ],
      },
    ],
  },
};
