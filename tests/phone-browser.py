#!/usr/bin/env python3
# A phone in a real browser, for tests/test-phone-page.c: Debian's chromium,
# headless, driven by chromium-driver through python3-selenium, at a
# phone's size (390×844). It opens the room's join address as the QR code
# encodes it and votes on the page as a person would: it takes a seat,
# votes in the rounds the test opens and changes a ballot.
#
#   phone-browser.py URL --script full|german [--shots DIR]
#
# It talks to the test on stdin/stdout, one line each way:
#   it writes "open QUESTION", "reveal QUESTION" or "restart" (the server
#   stopped and started again on its port), the test answers "ok" once
#   done; at the end it writes "done". Anything that
# goes wrong is on stderr, with the exit status 1.
# With --shots, it saves light and dark screenshots of each view in DIR.

import argparse
import os
import shutil
import sys
import tempfile
import traceback

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

WIDTH, HEIGHT = 390, 844
# A condition the page meets once it heard from the server; generous for
# the sanitizer pass on a busy machine. Not a timed assertion: the wait
# ends as soon as the page shows it.
PATIENCE = 60


def ask(line):
    """Asks the test to act on the library, and waits until it did."""
    print(line, flush=True)
    answer = sys.stdin.readline().strip()
    if answer != "ok":
        raise RuntimeError("the test answered %r to %r" % (answer, line))


class Phone:
    def __init__(self, language, shots, prefix):
        self.shots = shots
        self.prefix = prefix
        self.profile = tempfile.mkdtemp(prefix="crossroads-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--no-first-run",
                         "--disable-background-networking", "--disable-extensions",
                         "--disable-sync", "--disable-component-update",
                         "--window-size=%d,%d" % (WIDTH, HEIGHT),
                         "--user-data-dir=" + self.profile,
                         "--lang=" + language):
            options.add_argument(argument)
        options.add_experimental_option("prefs", {"intl.accept_languages": language})
        driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        self.browser = webdriver.Chrome(service=Service(driver), options=options)
        self.browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                     {"width": WIDTH, "height": HEIGHT,
                                      "deviceScaleFactor": 1, "mobile": True})
        self.browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})
        self.wait = WebDriverWait(self.browser, PATIENCE)

    def close(self):
        self.browser.quit()
        shutil.rmtree(self.profile, ignore_errors=True)

    def find(self, css):
        return self.browser.find_element(By.CSS_SELECTOR, css)

    def visible(self, css):
        return self.wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def text_in(self, css, text):
        self.wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))

    def words(self):
        return self.browser.execute_script("return S;")

    def tap(self, css):
        element = self.find(css)
        self.browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        element.click()

    def check_names(self):
        """Every control a screen reader reaches has a name."""
        tree = self.browser.execute_cdp_cmd("Accessibility.getFullAXTree", {})
        controls = 0
        for node in tree["nodes"]:
            role = node.get("role", {}).get("value")
            if node.get("ignored") or role not in ("button", "radio", "textbox", "checkbox"):
                continue
            controls += 1
            if not node.get("name", {}).get("value", "").strip():
                raise RuntimeError("a %s without a name on the page" % role)
        if controls == 0:
            raise RuntimeError("no control in the page's accessibility tree")

    def set_offline(self, offline):
        self.browser.execute_cdp_cmd("Network.enable", {})
        self.browser.execute_cdp_cmd("Network.emulateNetworkConditions",
                                     {"offline": offline, "latency": 0,
                                      "downloadThroughput": -1, "uploadThroughput": -1})

    def shoot(self, name):
        self.check_names()
        if not self.shots:
            return
        self.browser.execute_script("window.scrollTo(0, 0);")
        for scheme in ("light", "dark"):
            self.browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                         {"features": [{"name": "prefers-color-scheme",
                                                        "value": scheme}]})
            self.browser.save_screenshot(os.path.join(self.shots, "%s%s-%s.png" % (self.prefix, name, scheme)))
        self.browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

    def send_and_wait_saved(self):
        self.tap("#send")
        self.text_in("#note.saved", self.words()["saved"])


def join_by_code_refused(phone, url):
    """The bare address shows the code form; a wrong code is refused."""
    base = url[:url.index("/j/")]
    phone.browser.get(base + "/")
    phone.visible("#code")
    phone.shoot("join")
    phone.find("#code").send_keys("ZZZZZZ")
    phone.tap("#join-form button[type=submit]")
    phone.text_in("#join-error", phone.words()["wrong_code"])


def take_seat(phone, name):
    phone.visible("#view-seats legend")
    phone.wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#seats input"))
    phone.shoot("seats")
    for label in phone.browser.find_elements(By.CSS_SELECTOR, "#seats label"):
        if label.find_element(By.CSS_SELECTOR, ".title").text == name:
            label.click()
            break
    else:
        raise RuntimeError("no seat named %s" % name)
    phone.tap("#seats-form button[type=submit]")
    phone.visible("#view-waiting h2")
    phone.text_in("#seat-name", name)


def vote_single(phone, first, then):
    ask("open current")
    phone.visible("#options input[name=single]")
    phone.shoot("single")
    phone.tap("#options input[value='%s']" % first)
    phone.send_and_wait_saved()
    phone.shoot("single-saved")
    # A changed ballot replaces the saved one.
    phone.tap("#options input[value='%s']" % then)
    phone.text_in("#send", phone.words()["change"])
    phone.send_and_wait_saved()


def check_not_covered(phone, css):
    """Brought into view as a browser does for Tab or a screen reader (the
    least scrolling that shows it), the control is not under the sticky
    footer: the points at its centre and just above its lower edge are the
    control itself."""
    covered = phone.browser.execute_script("""
        window.scrollTo(0, 0);
        const element = document.querySelector(arguments[0]);
        element.scrollIntoView({block: 'nearest'});
        const box = element.getBoundingClientRect();
        const x = box.left + box.width / 2;
        for (const y of [box.top + box.height / 2, box.bottom - 2]) {
            const hit = document.elementFromPoint(x, y);
            if (hit !== element)
                return (hit ? hit.tagName + '#' + hit.id + '.' + hit.className : 'nothing') + ' at ' + y;
        }
        return null;
    """, css)
    if covered is not None:
        raise RuntimeError("%s is covered by %s" % (css, covered))
    if phone.shots:
        phone.browser.save_screenshot(os.path.join(phone.shots, "%sdots-last-option.png" % phone.prefix))


def vote_dots(phone):
    ask("open target")
    phone.visible("#options .dots-row")
    words = phone.words()
    # Every option's + can be seen above the footer (Dots left, Send).
    check_not_covered(phone, "#options .dots-row:last-child button.step:last-child")
    for option in ("projects-as-products", "projects-as-products", "px-as-a-product"):
        phone.tap("#dots-%s ~ button" % option)
    phone.text_in("#dots-left", words["dots_left"].replace("{left}", "0").replace("{budget}", "3"))
    # The budget is spent: no more dots, and the page says why, in its
    # status line (role status: read out by screen readers).
    phone.tap("#dots-hr-as-a-service ~ button")
    if phone.find("#dots-hr-as-a-service").text != "0":
        raise RuntimeError("a dot over the budget was added")
    phone.text_in("#note", words["no_dots"])
    if phone.find("#note").get_attribute("role") != "status":
        raise RuntimeError("the note is not announced")
    phone.shoot("dots-none-left")
    # A dot taken off: the hint has done its work.
    phone.tap(".controls:has(#dots-px-as-a-product) button:first-child")
    phone.wait.until(lambda b: phone.find("#note").text != words["no_dots"])
    phone.tap("#dots-px-as-a-product ~ button")
    phone.shoot("dots")
    # Sent while the network is down: the page says so and sends it again,
    # with the same key, once it is back.
    phone.set_offline(True)
    phone.tap("#send")
    phone.text_in("#note", words["not_sent"])
    phone.shoot("dots-offline")
    phone.set_offline(False)
    phone.text_in("#note.saved", words["saved"])


def vote_score(phone):
    ask("open fit")
    phone.visible("#options fieldset.option")
    groups = phone.browser.find_elements(By.CSS_SELECTOR, "#options fieldset.option")
    # Every criterion of the first option a 4, the first of the second a 2.
    for scale in groups[0].find_elements(By.CSS_SELECTOR, "fieldset.scale"):
        phone.browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", scale)
        scale.find_element(By.CSS_SELECTOR, "label.chip:has(input[value='4'])").click()
    scale = groups[1].find_element(By.CSS_SELECTOR, "fieldset.scale")
    phone.browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", scale)
    scale.find_element(By.CSS_SELECTOR, "label.chip:has(input[value='2'])").click()
    phone.shoot("score")
    phone.send_and_wait_saved()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--script", choices=["full", "german"], default="full")
    parser.add_argument("--shots")
    args = parser.parse_args()
    if args.shots:
        os.makedirs(args.shots, exist_ok=True)

    german = args.script == "german"
    phone = Phone("de-DE,de" if german else "en-GB,en", args.shots, "de-" if german else "")
    try:
        if args.script == "full":
            join_by_code_refused(phone, args.url)
        # The address the QR code encodes.
        phone.browser.get(args.url)
        if args.script == "german":
            # The page's own words, from the app's German catalogue.
            phone.text_in("#seats-title", "Wählen Sie Ihren Platz")
            phone.text_in("#seats-form button[type=submit]", "Diesen Platz nehmen")
            if phone.browser.execute_script("return document.documentElement.lang;") != "de":
                raise RuntimeError("the page is not marked as German")
            take_seat(phone, "Ana")
            phone.text_in("#view-waiting h2", "Warten auf die Moderation")
            ask("open current")
            phone.visible("#options input[name=single]")
            phone.text_in("#send", "Stimme abgeben")
            phone.tap("#options input[value='px-as-a-product']")
            phone.send_and_wait_saved()
            phone.text_in("#note", "Gespeichert.")
            phone.shoot("single-saved")
        else:
            take_seat(phone, "Ben")
            phone.shoot("waiting")
            # Change seat, then keep it after all.
            phone.tap("#change-seat")
            phone.visible("#keep-seat")
            phone.wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#seats input:checked"))
            phone.shoot("change-seat")
            phone.tap("#keep-seat")
            phone.visible("#view-waiting h2")
            vote_single(phone, "px-as-a-product", "hr-as-a-service")
            # The laptop goes away and comes back: the page finds it again
            # and shows the next round by itself, still in Ben's seat.
            ask("restart")
            vote_dots(phone)
            vote_score(phone)
            ask("reveal fit")
            phone.visible("#result")
            phone.shoot("result")
        print("done", flush=True)
    finally:
        phone.close()


if __name__ == "__main__":
    try:
        main()
    except Exception:  # reported to the test, which fails
        traceback.print_exc()
        sys.exit(1)
