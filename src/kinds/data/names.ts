/**
 * Name statistics for synthetic person names.
 *
 * Surnames: the 100 most common single-character surnames in the order of the Ministry of
 * Public Security's 2019/2020 national name reports (《全国姓名报告》, 公安部户政管理研究中心).
 * Weights are approximate counts in units of 10,000 people: the top three from the MPS's 2007
 * figures (王 9,288, 李 9,207, 张 8,750), ranks 4-100 interpolated within the published bands
 * (ranks 1-10 above 20 million people, 11-22 between 10 and 20 million, rank ~100 about 2.6
 * million: 万 275, 欧 261 in the 2019 report). Compound surnames carry the exact 2020-report
 * counts (欧阳 1,112,000, 上官 88,000 ...), so about one name in a thousand is compound, as in
 * the population. Each surname has its Hanyu Pinyin for Latin-script names.
 */
export const SURNAMES: readonly (readonly [surname: string, pinyin: string, weight: number])[] = [
  ['王', 'WANG', 9288], ['李', 'LI', 9207], ['张', 'ZHANG', 8750], ['刘', 'LIU', 7000], ['陈', 'CHEN', 6300],
  ['杨', 'YANG', 4600], ['黄', 'HUANG', 3300], ['赵', 'ZHAO', 2900], ['吴', 'WU', 2800], ['周', 'ZHOU', 2700],
  ['徐', 'XU', 1950], ['孙', 'SUN', 1900], ['马', 'MA', 1850], ['朱', 'ZHU', 1800], ['胡', 'HU', 1750],
  ['郭', 'GUO', 1700], ['何', 'HE', 1600], ['林', 'LIN', 1550], ['高', 'GAO', 1500], ['罗', 'LUO', 1450],
  ['郑', 'ZHENG', 1300], ['梁', 'LIANG', 1200], ['谢', 'XIE', 990], ['宋', 'SONG', 960], ['唐', 'TANG', 930],
  ['许', 'XU', 900], ['韩', 'HAN', 880], ['邓', 'DENG', 860], ['冯', 'FENG', 840], ['曹', 'CAO', 820],
  ['彭', 'PENG', 800], ['曾', 'ZENG', 780], ['肖', 'XIAO', 760], ['田', 'TIAN', 740], ['董', 'DONG', 720],
  ['潘', 'PAN', 700], ['袁', 'YUAN', 680], ['蔡', 'CAI', 660], ['蒋', 'JIANG', 640], ['余', 'YU', 620],
  ['于', 'YU', 600], ['杜', 'DU', 590], ['叶', 'YE', 580], ['程', 'CHENG', 570], ['魏', 'WEI', 560],
  ['苏', 'SU', 550], ['吕', 'LV', 540], ['丁', 'DING', 530], ['任', 'REN', 520], ['卢', 'LU', 510],
  ['姚', 'YAO', 500], ['沈', 'SHEN', 490], ['钟', 'ZHONG', 480], ['姜', 'JIANG', 470], ['崔', 'CUI', 460],
  ['谭', 'TAN', 450], ['陆', 'LU', 440], ['范', 'FAN', 430], ['汪', 'WANG', 420], ['廖', 'LIAO', 410],
  ['石', 'SHI', 400], ['金', 'JIN', 395], ['韦', 'WEI', 390], ['贾', 'JIA', 385], ['夏', 'XIA', 380],
  ['付', 'FU', 375], ['方', 'FANG', 370], ['邹', 'ZOU', 365], ['熊', 'XIONG', 360], ['白', 'BAI', 355],
  ['孟', 'MENG', 350], ['秦', 'QIN', 345], ['邱', 'QIU', 340], ['侯', 'HOU', 335], ['江', 'JIANG', 330],
  ['尹', 'YIN', 325], ['薛', 'XUE', 320], ['闫', 'YAN', 315], ['段', 'DUAN', 310], ['雷', 'LEI', 305],
  ['龙', 'LONG', 300], ['黎', 'LI', 298], ['史', 'SHI', 296], ['陶', 'TAO', 294], ['贺', 'HE', 292],
  ['毛', 'MAO', 290], ['郝', 'HAO', 288], ['顾', 'GU', 286], ['龚', 'GONG', 284], ['邵', 'SHAO', 282],
  ['万', 'WAN', 275], ['覃', 'QIN', 274], ['武', 'WU', 273], ['钱', 'QIAN', 272], ['戴', 'DAI', 271],
  ['严', 'YAN', 270], ['欧', 'OU', 261], ['莫', 'MO', 260], ['孔', 'KONG', 258], ['向', 'XIANG', 256],
];

/** Compound surnames (复姓) with their 2020-report counts in units of 1,000 people. */
export const COMPOUND_SURNAMES: readonly (readonly [surname: string, pinyin: string, weight: number])[] = [
  ['欧阳', 'OUYANG', 1112], ['上官', 'SHANGGUAN', 88], ['皇甫', 'HUANGFU', 64], ['令狐', 'LINGHU', 55],
  ['诸葛', 'ZHUGE', 48], ['司徒', 'SITU', 47], ['司马', 'SIMA', 23], ['申屠', 'SHENTU', 19],
  ['夏侯', 'XIAHOU', 11], ['贺兰', 'HELAN', 10], ['完颜', 'WANYAN', 6], ['慕容', 'MURONG', 5],
  ['尉迟', 'YUCHI', 4], ['长孙', 'ZHANGSUN', 3],
];

/**
 * Further compound surnames that occur in real names (fewer than 3,000 bearers each, or not
 * counted in the report), recognised by the name mask but not generated.
 */
export const RARE_COMPOUND_SURNAMES: readonly string[] = [
  '东方', '独孤', '南宫', '万俟', '闻人', '公孙', '仲孙', '轩辕', '端木', '百里', '呼延', '东郭',
  '西门', '太史', '公羊', '宇文', '澹台', '公冶', '宗政', '濮阳', '淳于', '单于', '钟离', '赫连',
  '拓跋', '羊舌', '微生', '梁丘', '左丘', '第五', '谷梁', '段干', '乐正', '巫马', '公西', '司空',
  '司寇', '亓官', '鲜于', '闾丘', '子车', '颛孙', '壤驷', '漆雕', '宰父', '夹谷', '公良',
];

/**
 * Characters common in given names (the MPS reports' most used name characters: 子 梓 浩 宇
 * 轩 涵 欣 怡 for recent births, 伟 芳 娜 敏 静 丽 强 磊 for older generations), with pinyin.
 */
export const GIVEN_NAME_CHARS: readonly (readonly [char: string, pinyin: string])[] = [
  ['伟', 'WEI'], ['芳', 'FANG'], ['娜', 'NA'], ['敏', 'MIN'], ['静', 'JING'], ['丽', 'LI'], ['强', 'QIANG'],
  ['磊', 'LEI'], ['军', 'JUN'], ['洋', 'YANG'], ['勇', 'YONG'], ['艳', 'YAN'], ['杰', 'JIE'], ['娟', 'JUAN'],
  ['涛', 'TAO'], ['明', 'MING'], ['超', 'CHAO'], ['霞', 'XIA'], ['平', 'PING'], ['刚', 'GANG'], ['桂', 'GUI'],
  ['英', 'YING'], ['华', 'HUA'], ['建', 'JIAN'], ['国', 'GUO'], ['志', 'ZHI'], ['玉', 'YU'], ['红', 'HONG'],
  ['海', 'HAI'], ['丹', 'DAN'], ['秀', 'XIU'], ['春', 'CHUN'], ['晓', 'XIAO'], ['立', 'LI'], ['德', 'DE'],
  ['永', 'YONG'], ['宏', 'HONG'], ['慧', 'HUI'], ['颖', 'YING'], ['鑫', 'XIN'], ['凯', 'KAI'], ['鹏', 'PENG'],
  ['飞', 'FEI'], ['斌', 'BIN'], ['辉', 'HUI'], ['琳', 'LIN'], ['倩', 'QIAN'], ['婷', 'TING'], ['雪', 'XUE'],
  ['子', 'ZI'], ['梓', 'ZI'], ['浩', 'HAO'], ['宇', 'YU'], ['轩', 'XUAN'], ['涵', 'HAN'], ['欣', 'XIN'],
  ['怡', 'YI'], ['雨', 'YU'], ['晨', 'CHEN'], ['思', 'SI'], ['佳', 'JIA'], ['俊', 'JUN'], ['博', 'BO'],
  ['文', 'WEN'], ['一', 'YI'], ['诗', 'SHI'], ['嘉', 'JIA'], ['瑞', 'RUI'], ['泽', 'ZE'], ['睿', 'RUI'],
  ['昊', 'HAO'], ['然', 'RAN'], ['天', 'TIAN'], ['安', 'AN'], ['宁', 'NING'], ['美', 'MEI'], ['月', 'YUE'],
  ['成', 'CHENG'], ['荣', 'RONG'], ['新', 'XIN'], ['春', 'CHUN'], ['秋', 'QIU'], ['兰', 'LAN'], ['梅', 'MEI'],
];

/**
 * Name parts of the Uyghur and Kazakh naming traditions as transliterated on mainland ID cards,
 * where the person's and the father's names are joined by the middle dot (`买买提·艾力`).
 */
export const MIDDLE_DOT_NAME_PARTS: readonly string[] = [
  '买买提', '艾力', '阿不都', '热合曼', '吐尔逊', '艾买提', '努尔', '阿依古丽', '古丽', '迪丽拜尔',
  '热依拉', '帕提古丽', '依明', '玉素甫', '阿卜杜拉', '库尔班', '托合提', '麦麦提', '热依汗', '阿里木',
  '巴合提', '叶尔兰', '努尔兰', '阿依达娜', '哈力木', '吐逊', '沙吾提', '米吉提', '祖丽', '阿迪力',
];
