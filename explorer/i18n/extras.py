"""Strings of the share-link panel (explorer/ui/share_panel.py). Each key with its English and its Chinese side
by side. Placeholders use str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    "share.header": ("Share this page", "分享此页面"),
    "share.caption": (
        "This link (the same as the address bar's) opens the page with your code, its numbers and the language:",
        "打开这个链接（与地址栏中的相同）会恢复你的代码、其中的数值和语言：",
    ),
    "share.no_url": (
        "The page address is unknown here: add this to the end of the app's address.",
        "这里无法得知页面地址：把下面这段加到应用地址的末尾。",
    ),
    "share.label": ("Link to this page", "此页面的链接"),
    "share.copy": ("Copy link", "复制链接"),
    "share.copied": ("Copied", "已复制"),
    "share.copy_failed": (
        "This browser refused the clipboard: select the link above and copy it",
        "浏览器拒绝访问剪贴板：请选中上面的链接再复制",
    ),
}
