use std::fs;

fn main() {
    // the index lives under the working folder
    fs::create_dir_all("./index.db").expect("index folder");
}
