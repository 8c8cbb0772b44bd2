document.getElementById('app')!.textContent = 'kaiyuan';
