#!/usr/bin/env python3
"""Uses the search page in a real browser: headless Chromium driven by Selenium.

    .build/venv/bin/python scripts/browser-check.py URL SCREENSHOT_DIR

URL is a running `vietsearch serve` over an index that holds `nông thôn mới` (the test's fixture).
Types `nong thon moi` into the box, waits for the results drawn as you type, checks that every
marked word is one of the query's words, follows the first article link (the paragraph in view,
its words marked), changes a filter, and downloads the CSV. Saves screenshots in SCREENSHOT_DIR
(a desktop and a phone-sized one). Prints one line per check; exits 1 on the first failure.
"""
import os
import sys
import time
import unicodedata

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait


def fold(text):
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def check(condition, message):
    print(("ok: " if condition else "FAILED: ") + message, flush=True)
    if not condition:
        sys.exit(1)


def main():
    url, shots = sys.argv[1].rstrip("/"), sys.argv[2]
    os.makedirs(shots, exist_ok=True)
    downloads = os.path.join(shots, "downloads")
    os.makedirs(downloads, exist_ok=True)
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    wait = WebDriverWait(driver, 20)
    try:
        driver.get(url + "/")
        box = wait.until(ec.presence_of_element_located((By.ID, "q")))
        box.send_keys("nong thon moi")
        # Results as you type: no submit, the script fetches /api/search after a pause.
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#results .hits li")))
        check("q=nong+thon+moi" in driver.current_url or "q=nong%20thon%20moi" in driver.current_url,
              "the address follows the query: " + driver.current_url)
        marks = [m.text for m in driver.find_elements(By.CSS_SELECTOR, "#results mark")]
        check(len(marks) > 0, f"{len(marks)} words marked")
        # A phrase is one mark (`nông thôn mới`): every word of every mark is a word of the query.
        check(all(fold(w) in {"nong", "thon", "moi"} for m in marks for w in m.split()),
              "every mark is made of the query's words: " + ", ".join(marks))
        check(any(len(m.split()) > 1 for m in marks), "adjacent words are one mark: " + ", ".join(marks))
        count = driver.find_element(By.CSS_SELECTOR, "#results .count").text
        check("kết quả" in count, "the total and time are shown: " + count)
        hint = driver.find_elements(By.CSS_SELECTOR, "#results .hint a")
        check(hint and hint[0].text == "nông thôn mới", "the accent hint links the likeliest reading")
        driver.save_screenshot(os.path.join(shots, "search.png"))

        # The first hit opens its article with the paragraph in view and the words marked.
        first = driver.find_element(By.CSS_SELECTOR, "#results .hits li a.title")
        first.click()
        focus = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "article .focus")))
        check(len(focus.find_elements(By.TAG_NAME, "mark")) > 0, "the matched paragraph is marked: " + focus.text[:80])
        in_view = driver.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight;", focus)
        check(in_view, "the matched paragraph is in view")
        driver.save_screenshot(os.path.join(shots, "article.png"))

        # A filter: only the outlet VNE.
        driver.back()
        wait.until(ec.presence_of_element_located((By.ID, "q")))
        driver.find_element(By.CSS_SELECTOR, "details summary").click()
        outlet = driver.find_element(By.NAME, "outlet")
        outlet.clear()
        outlet.send_keys("VNE")
        wait.until(lambda d: "outlet=VNE" in d.current_url)
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#results .hits li")))
        metas = [m.text for m in driver.find_elements(By.CSS_SELECTOR, "#results .hits .meta")]
        check(metas and all(m.startswith("VNE") for m in metas), "the outlet filter applies: " + " | ".join(metas))

        # The CSV download of the current query.
        driver.find_element(By.LINK_TEXT, "CSV").click()
        deadline = time.time() + 20
        files = []
        while time.time() < deadline:
            files = [f for f in os.listdir(downloads) if f.endswith(".csv")]
            if files:
                break
            time.sleep(0.2)
        check(bool(files), "a CSV was downloaded: " + ", ".join(files))
        with open(os.path.join(downloads, files[0]), encoding="utf-8-sig") as f:
            lines = f.read().splitlines()
        check(lines[0].startswith("rank,article_id") and len(lines) > 1 and all(",VNE," in l for l in lines[1:]),
              f"the CSV holds the filtered matches ({len(lines) - 1} rows)")

        # An outlet no article has: the script says so, naming the index's outlets.
        outlet = driver.find_element(By.NAME, "outlet")
        outlet.clear()
        outlet.send_keys("XYZ")
        wait.until(lambda d: "outlet=XYZ" in d.current_url)
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#results .unmet")))
        notice = driver.find_element(By.CSS_SELECTOR, "#results .unmet").text
        check(notice.startswith("Không có bài nào của báo “XYZ” (chỉ mục có: ") and "VNE" in notice, "the unknown outlet is said: " + notice)

        # A phone-sized screen: the page fits without scrolling sideways.
        driver.set_window_size(390, 844)
        driver.get(url + "/?q=nong+thon+moi")
        wide = driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1;")
        check(not wide, "the page fits a phone-sized screen")
        driver.save_screenshot(os.path.join(shots, "phone.png"))

        # Without JavaScript's help, the form still works (the server draws the results).
        check(len(driver.find_elements(By.CSS_SELECTOR, "#results .hits li")) > 0, "the server drew the results itself")
    finally:
        driver.quit()


main()
